import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { maxPhotoBytes } from '#app/modules/reports/photos.server';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { saveProject } from './save-project.server';
import { projectSchema } from './schemas';

/** Reads the project form (multipart: it carries the cover), then saves it; a 400 with field messages otherwise. */
export async function handleProjectForm(request: Request, actorId: string, projectId: number | null, alreadyRead?: FormData) {
  let formData: FormData | undefined = alreadyRead;
  if (!formData && isMultipart(request)) {
    try {
      formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPhotoBytes }));
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw new Response('The form could not be read', { status: 400 });
      const { t } = await readForm(request, new FormData()).catch(() => ({ t: null }));
      return { response: invalid({ cover: t ? t('photo.tooLarge', { mb: 10 }) : 'At most 10 MB' }) };
    }
  }
  const { formData: form, t } = await readForm(request, formData);
  formData = form;
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

export function isMultipart(request: Request): boolean {
  return (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');
}
