import { Form } from '@remix-run/react';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { CheckboxesField, Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import type { FieldErrors } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';

type Named = { id: number; nameRu: string; nameEn: string };
export type DetailsValues = Record<string, string | string[]>;

/** The survey's details: titles, dates in city time, anonymity, audience, points, owning department. */
export function SurveyDetailsForm({ values, errors, districts, departments, submit, intent }: { values: DetailsValues; errors?: FieldErrors; districts: Named[]; departments: Named[]; submit: string; intent?: string }) {
  const { t, locale } = useT();
  const name = (n: Named) => (locale === 'ru' ? n.nameRu : n.nameEn);
  const yesNo = [{ value: 'yes', label: t('surveys.field.yes') }, { value: 'no', label: t('surveys.field.no') }];
  return (
    <Form method="post" noValidate className="form">
      <CsrfInput />
      <Field name="titleRu" label={t('surveys.field.titleRu')} error={errors?.titleRu} defaultValue={valueOf(values, 'titleRu')} />
      <Field name="titleEn" label={t('surveys.field.titleEn')} error={errors?.titleEn} defaultValue={valueOf(values, 'titleEn')} />
      <TextAreaField name="descriptionRu" label={t('surveys.field.descriptionRu')} error={errors?.descriptionRu} defaultValue={valueOf(values, 'descriptionRu')} />
      <TextAreaField name="descriptionEn" label={t('surveys.field.descriptionEn')} error={errors?.descriptionEn} defaultValue={valueOf(values, 'descriptionEn')} />
      <Field name="opensAt" type="datetime-local" label={t('surveys.field.opensAt')} hint={t('surveys.field.dateHint')} error={errors?.opensAt} defaultValue={valueOf(values, 'opensAt')} />
      <Field name="closesAt" type="datetime-local" label={t('surveys.field.closesAt')} hint={t('surveys.field.dateHint')} error={errors?.closesAt} defaultValue={valueOf(values, 'closesAt')} />
      <SelectField name="anonymous" label={t('surveys.field.anonymous')} options={yesNo} error={errors?.anonymous} defaultValue={valueOf(values, 'anonymous', 'yes')} />
      <SelectField name="editable" label={t('surveys.field.editable')} options={[...yesNo].reverse()} error={errors?.editable} defaultValue={valueOf(values, 'editable', 'no')} />
      <SelectField name="verifiedOnly" label={t('surveys.field.verifiedOnly')} options={[...yesNo].reverse()} error={errors?.verifiedOnly} defaultValue={valueOf(values, 'verifiedOnly', 'no')} />
      <Field name="minAge" inputMode="numeric" label={t('surveys.field.minAge')} error={errors?.minAge} defaultValue={valueOf(values, 'minAge')} />
      <Field name="maxAge" inputMode="numeric" label={t('surveys.field.maxAge')} error={errors?.maxAge} defaultValue={valueOf(values, 'maxAge')} />
      <CheckboxesField name="districtIds" label={t('surveys.field.districts')} error={errors?.districtIds} options={districts.map((d) => ({ value: String(d.id), label: name(d) }))} checked={[values.districtIds ?? []].flat()} />
      <Field name="pointsReward" inputMode="numeric" label={t('surveys.field.points')} error={errors?.pointsReward} defaultValue={valueOf(values, 'pointsReward', '5')} />
      <SelectField name="departmentId" label={t('surveys.field.department')} options={[{ value: '', label: t('surveys.field.noDepartment') }, ...departments.map((d) => ({ value: String(d.id), label: name(d) }))]} error={errors?.departmentId} defaultValue={valueOf(values, 'departmentId')} />
      <button type="submit" name="intent" value={intent ?? 'details'} className="button">{submit}</button>
    </Form>
  );
}
