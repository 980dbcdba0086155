import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { removeHoliday, saveHoliday } from '#app/modules/city/holidays.server';
import { listHolidays } from '#app/modules/city/queries.server';
import { holidaySchema, removeHolidaySchema } from '#app/modules/city/schemas';
import { Field, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';
import { cityMessages } from '#app/modules/city/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminHolidays', messages: [cityMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'city.configure');
  return { holidays: await listHolidays() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'city.configure');
  const { formData, t } = await readForm(request);
  if (formData.get('intent') === 'remove') {
    const parsed = parseForm(removeHolidaySchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await removeHoliday(user.id, parsed.data.day);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect('/admin/holidays?removed=1');
  }
  const parsed = parseForm(holidaySchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveHoliday(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/holidays?added=1');
}

export default function AdminHolidays() {
  const { holidays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = { day: t('admin.date'), nameRu: t('admin.nameRu'), nameEn: t('admin.nameEn') };
  const v = actionData?.values;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminHolidays')}</h1>
      {params.get('added') ? <p className="notice" role="status">{t('admin.holidayAdded')}</p> : null}
      {params.get('removed') ? <p className="notice" role="status">{t('admin.holidayRemoved')}</p> : null}
      {holidays.length === 0 ? (
        <p className="empty-state">{t('admin.empty')}</p>
      ) : (
        <ul className="list-plain">
          {holidays.map((h) => (
            <li key={h.day}>
              <strong>{h.day}</strong> {localName(locale, h)}{' '}
              <InlineAction intent="remove" fields={{ day: h.day }} label={t('admin.delete')} about={h.day} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('admin.add')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <Field name="day" type="date" label={labels.day} error={actionData?.errors.day} defaultValue={valueOf(v, 'day')} />
        <Field name="nameRu" type="text" label={labels.nameRu} error={actionData?.errors.nameRu} defaultValue={valueOf(v, 'nameRu')} />
        <Field name="nameEn" type="text" label={labels.nameEn} error={actionData?.errors.nameEn} defaultValue={valueOf(v, 'nameEn')} />
        <button type="submit" className="button">{t('admin.add')}</button>
      </Form>
    </>
  );
}
