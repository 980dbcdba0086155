import { invalid, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { textFormLimits } from '#app/utils/form-body.server';
import type { Translate } from '#app/utils/i18n';
import { saveProject } from './save-project.server';
import { projectSchema } from './schemas';

/** Saves the project form (read by the route with readUploadForm: it carries the cover); a 400 with field messages otherwise. */
export async function handleProjectForm(actorId: string, projectId: number | null, { formData, t }: { formData: FormData; t: Translate }) {
  const values = formValues(formData);
  const parsed = parseForm(projectSchema, formData, t, ['districtIds']);
  if (!parsed.ok) return { response: invalid(parsed.errors, parsed.values) };
  const cover = formData.get('cover');
  const result = await saveProject(actorId, projectId, parsed.data, cover instanceof File ? cover : null);
  if (!result.ok) {
    const e = result.errors;
    return { response: invalid('photo' in e ? { cover: t(e.photo.key, e.photo.params) } : translateErrors({ [e.field]: e.key }, t), values) };
  }
  return { saved: result.value };
}

/**
 * The project form's field cap: a plain form's for its own fields (about twenty), and two more per district of the
 * city (the audience's tick and the district's budget), so a city of any size can post it whole.
 */
export const projectFormFieldCap = (districtCount: number) => textFormLimits.maxFields + 2 * districtCount;

export function isMultipart(request: Request): boolean {
  return (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');
}
