// Assisted service at a centre (issue 17, ADR 048): a consultant acts for a resident who is there, through the
// tools' own use-cases, with channel 'centre' and, in the same transaction, a record of who, where and the consent.
import type { z } from 'zod';
import { assistedActions, type assistedActionKind } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';
import type { Locale, MessageKey } from '#app/utils/i18n';
import type { Participation } from '#app/utils/participation.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { registerWithoutEmail, reissueAccessCode, residentRecord, verifyInPerson } from '#app/modules/accounts/index.server';
import { submitReport, type SubmitFailure } from '#app/modules/reports/index.server';
import { proposeIdea, supportIdea, type ProposeFailure } from '#app/modules/ideas/index.server';
import type { assistedIdeaSchema, assistedReportSchema, assistedSupportSchema, registerResidentSchema, verifyInPersonSchema } from './assist-schemas';

type Kind = (typeof assistedActionKind.enumValues)[number];
/** Who acts and where: the consultant (or an admin) at the desk of one centre, at the moment the consent was ticked. */
export type AtDesk = { consultantId: string; centreId: number; consentAt: Date };

/** Writes the assisted-service row and its audit entry, inside the use-case's transaction. */
export function assistedRecord(at: AtDesk, kind: Kind, residentId: string | null, extra: { documentKind?: string } = {}) {
  return async (tx: Tx, targetId: string) => {
    const resident = residentId ?? targetId;
    const [row] = await tx
      .insert(assistedActions)
      .values({ centreId: at.centreId, consultantId: at.consultantId, residentId: resident, kind, targetId, documentKind: extra.documentKind ?? null, consentAt: at.consentAt })
      .returning({ id: assistedActions.id });
    await recordAudit(tx, {
      actorId: at.consultantId,
      action: `assist.${kind}`,
      targetType: 'user',
      targetId: resident,
      after: { centreId: at.centreId, target: targetId, consentAt: at.consentAt.toISOString(), assistedActionId: row!.id, ...extra },
    });
  };
}

const assisted = (at: AtDesk, kind: Kind, residentId: string): Participation => ({ channel: 'centre', alongside: assistedRecord(at, kind, residentId) });

/** The resident must have a record (not deleted, not blocked) before anything is done in their name. */
async function presentResident(userId: string) {
  const person = await residentRecord(userId);
  return person && !person.blockedAt ? person : null;
}

export async function registerResident(at: AtDesk, input: z.output<typeof registerResidentSchema>, locale: Locale) {
  return registerWithoutEmail(at.consultantId, { name: input.name, phone: input.phone, districtId: input.districtId, birthYear: input.birthYear }, locale, assistedRecord(at, 'register', null));
}

export async function verifyResidentInPerson(at: AtDesk, input: z.output<typeof verifyInPersonSchema>): Promise<Result<null, { userId: MessageKey }>> {
  if (!(await presentResident(input.userId))) return { ok: false, errors: { userId: 'assist.noResident' } };
  return verifyInPerson(at.consultantId, input, assistedRecord(at, 'verify', input.userId, { documentKind: input.documentKind }));
}

export async function reissueCode(at: AtDesk, userId: string): Promise<Result<{ code: string }, { userId: MessageKey }>> {
  if (!(await presentResident(userId))) return { ok: false, errors: { userId: 'assist.noResident' } };
  return reissueAccessCode(at.consultantId, userId, assistedRecord(at, 'code', userId));
}

export async function fileReportFor(at: AtDesk, input: z.output<typeof assistedReportSchema>): Promise<Result<{ reportId: number }, SubmitFailure | { kind: 'resident' }>> {
  if (!(await presentResident(input.userId))) return { ok: false, errors: { kind: 'resident' } };
  const { userId, consent: _consent, ...report } = input;
  return submitReport(userId, report, [], undefined, assisted(at, 'report', userId));
}

export async function proposeIdeaFor(at: AtDesk, input: z.output<typeof assistedIdeaSchema>): Promise<Result<{ ideaId: number }, ProposeFailure | { kind: 'resident' }>> {
  if (!(await presentResident(input.userId))) return { ok: false, errors: { kind: 'resident' } };
  const { userId, projectId, consent: _consent, ...idea } = input;
  return proposeIdea(userId, projectId, idea, [], assisted(at, 'idea', userId));
}

export async function supportIdeaFor(at: AtDesk, input: z.output<typeof assistedSupportSchema>) {
  if (!(await presentResident(input.userId))) return { ok: false as const, errors: { userId: 'assist.noResident' as MessageKey } };
  return supportIdea(input.userId, input.ideaId, 'support', assisted(at, 'support', input.userId));
}
