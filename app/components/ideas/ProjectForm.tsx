import { Form } from '@remix-run/react';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { CheckboxesField, Field, TextAreaField, valueOf } from '#app/components/forms/Field';
import { districtBudgetField } from '#app/modules/ideas/schemas';
import { stages } from '#app/modules/ideas/stages';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';

type Values = Record<string, string | string[]>;

export function projectLabels(t: ReturnType<typeof useT>['t']): Record<string, string> {
  const labels: Record<string, string> = {
    slug: t('ideas.slug'),
    titleRu: t('ideas.titleRu'),
    titleEn: t('ideas.titleEn'),
    descriptionRu: t('ideas.descriptionRu'),
    descriptionEn: t('ideas.descriptionEn'),
    districtIds: t('ideas.audience'),
    cover: t('ideas.cover'),
    budget: t('ideas.budget'),
    currency: t('ideas.currency'),
  };
  for (const s of stages) {
    labels[`${s}Starts`] = t('ideas.stageStarts', { stage: t(`ideas.stage.${s}`) });
    labels[`${s}Ends`] = t('ideas.stageEnds', { stage: t(`ideas.stage.${s}`) });
  }
  return labels;
}

/** The admin's project form (create and edit): texts in both languages, audience, stage dates, cover image. */
/** The labels of the district budget fields (for the error summary's links). */
export function districtBudgetLabels(t: ReturnType<typeof useT>['t'], locale: ReturnType<typeof useT>['locale'], districts: { id: number; nameRu: string; nameEn: string }[]): Record<string, string> {
  return Object.fromEntries(districts.map((d) => [districtBudgetField(d.id), t('ideas.districtBudget', { district: localName(locale, d) })]));
}

export function ProjectForm({ values, saved, errors, districts, submit }: { values?: Values; saved: Values; errors?: Record<string, string>; districts: { id: number; nameRu: string; nameEn: string }[]; submit: string }) {
  const { t, locale } = useT();
  const labels = { ...projectLabels(t), ...districtBudgetLabels(t, locale, districts) };
  const v = (name: string) => valueOf(values, name, valueOf(saved, name));
  const checked = values ? [values.districtIds ?? []].flat() : [saved.districtIds ?? []].flat();
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="form">
      <CsrfInput />
      <Field name="slug" type="text" label={labels.slug!} hint={t('ideas.slugHint')} error={errors?.slug} defaultValue={v('slug')} />
      <Field name="titleRu" type="text" label={labels.titleRu!} error={errors?.titleRu} defaultValue={v('titleRu')} lang="ru" />
      <Field name="titleEn" type="text" label={labels.titleEn!} error={errors?.titleEn} defaultValue={v('titleEn')} lang="en" />
      <TextAreaField rows={5} name="descriptionRu" label={labels.descriptionRu!} error={errors?.descriptionRu} defaultValue={v('descriptionRu')} />
      <TextAreaField rows={5} name="descriptionEn" label={labels.descriptionEn!} error={errors?.descriptionEn} defaultValue={v('descriptionEn')} />
      <CheckboxesField name="districtIds" label={labels.districtIds!} hint={t('ideas.audienceHint')} error={errors?.districtIds} options={districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))} checked={checked} />
      <fieldset>
        <legend>{t('ideas.budgetFieldset')}</legend>
        <p className="hint">{t('ideas.budgetHint')}</p>
        <div className="row">
          <Field name="budget" type="text" inputMode="numeric" label={labels.budget!} error={errors?.budget} defaultValue={v('budget')} />
          <Field name="currency" type="text" label={labels.currency!} error={errors?.currency} defaultValue={v('currency')} autoComplete="off" />
        </div>
        <details open={districts.some((d) => v(districtBudgetField(d.id)) !== '') || undefined}>
          <summary>{t('ideas.districtBudgets')}</summary>
          <p className="hint">{t('ideas.districtBudgetsHint')}</p>
          {districts.map((d) => (
            <Field key={d.id} name={districtBudgetField(d.id)} type="text" inputMode="numeric" label={labels[districtBudgetField(d.id)]!} error={errors?.[districtBudgetField(d.id)]} defaultValue={v(districtBudgetField(d.id))} />
          ))}
        </details>
      </fieldset>
      <fieldset>
        <legend>{t('ideas.stageDates')}</legend>
        {stages.map((s) => (
          <div className="row" key={s}>
            <Field name={`${s}Starts`} type="date" label={labels[`${s}Starts`]!} error={errors?.[`${s}Starts`]} defaultValue={v(`${s}Starts`)} />
            <Field name={`${s}Ends`} type="date" label={labels[`${s}Ends`]!} error={errors?.[`${s}Ends`]} defaultValue={v(`${s}Ends`)} />
          </div>
        ))}
      </fieldset>
      <Field name="cover" type="file" accept="image/jpeg,image/png,image/webp" label={labels.cover!} hint={t('ideas.coverHint')} error={errors?.cover} />
      <button type="submit" name="intent" value="save" className="button">{submit}</button>
    </Form>
  );
}
