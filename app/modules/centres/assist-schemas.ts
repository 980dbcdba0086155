// The assisted-service forms of a centre's desk (ADR 048): each one a consultant sends on a resident's behalf carries
// the consent box. Apart from the centres' own schemas, as they borrow the reports' and the ideas' forms.
import { z } from 'zod';
import { idText, intField, msg, optionalIntField, optionalPhoneField, requiredText, searchText } from '#app/utils/forms';
import { reportSchema } from '#app/modules/reports/schemas';
import { ideaSchema } from '#app/modules/ideas/schemas';

const consent = z.literal('yes', { error: msg('assist.consentRequired') });
const residentId = z.uuid(msg('assist.chooseResident'));
const thisYear = new Date().getUTCFullYear();

/** The kinds of identity document a consultant may record having seen (never the document's number). */
export const documentKinds = ['passport', 'foreign_passport', 'residence_permit', 'military_id'] as const;

export const registerResidentSchema = z.object({
  name: requiredText(100),
  phone: optionalPhoneField(),
  districtId: optionalIntField(1, 1_000_000),
  birthYear: optionalIntField(1900, thisYear),
  consent,
});

export const verifyInPersonSchema = z.object({
  userId: residentId,
  documentKind: z.enum(documentKinds, { error: msg('errors.choice') }),
  districtId: intField(1, 1_000_000),
  birthYear: intField(1900, thisYear),
  consent,
});

export const assistedReportSchema = reportSchema.extend({ userId: residentId, consent });
export const assistedIdeaSchema = ideaSchema.extend({ userId: residentId, projectId: idText({ message: msg('errors.choice') }), consent });
export const assistedSupportSchema = z.object({ userId: residentId, ideaId: idText({ max: Number.MAX_SAFE_INTEGER }), consent });
export const reissueCodeSchema = z.object({ userId: residentId, consent });
export const openBoothSchema = z.object({ userId: residentId, ballotId: idText({ message: msg('errors.choice') }), consent });
export const residentSearchSchema = z.object({ q: searchText(100), person: z.uuid(msg('errors.invalid')).optional() });
