import { Form } from '@remix-run/react';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { useT } from '#app/utils/use-app';

type Subject = 'report' | 'idea' | 'ballot' | 'visit';
type Stage = 'filed' | 'moderated' | 'answered' | 'reviewed' | 'cast' | 'booked' | 'served';
const dimensions = ['clarity', 'speed', 'conduct', 'waiting', 'result'] as const;

type Props = {
  subject: Subject;
  subjectId: number;
  /** The point of the interaction rated (ADR 050); the subject's last one when left out. */
  stage?: Stage;
  /** Where to come back to after rating (the page the form is on). */
  redirectTo: string;
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
  /** Several forms on one page (a person's visits) need distinct ids. */
  idPrefix?: string;
  /** The section's id that notices link to (`rate-answered`), when not made from `idPrefix`. */
  anchor?: string;
};

/**
 * "How was it?": 1–5 overall, five optional dimensions and an optional comment, at a point of an interaction. Never
 * required; once per point.
 */
export function FeedbackForm({ subject, subjectId, stage, redirectTo, errors, values, idPrefix = '', anchor }: Props) {
  const { t } = useT();
  const text = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
  const chosen = text(values?.score);
  const key = stage ? `${subject}.${stage}` : subject;
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <section className="card" aria-labelledby={id('feedback-title')} data-testid="feedback-form" id={anchor ?? (idPrefix ? `${idPrefix}rate` : undefined)}>
      <h2 id={id('feedback-title')}>{t(`feedback.heading.${key}` as 'feedback.heading.report')}</h2>
      <p>{t(`feedback.title.${key}` as 'feedback.title.report')}</p>
      <p className="muted">{t('feedback.optional')}</p>
      <Form method="post" action="/feedback" noValidate className="form">
        <CsrfInput />
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="subjectId" value={subjectId} />
        {stage ? <input type="hidden" name="stage" value={stage} /> : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className={errors?.score ? 'field field--error' : 'field'}>
          <fieldset aria-describedby={errors?.score ? id('field-score-error') : undefined}>
            <legend id={id('field-score')}>{t('feedback.score')}</legend>
            {errors?.score ? (
              <span className="field__error" id={id('field-score-error')}>
                {errors.score}
              </span>
            ) : null}
            <div className="score-scale">
              {(['1', '2', '3', '4', '5'] as const).map((n) => (
                <label key={n} className="checkbox">
                  <input type="radio" name="score" value={n} defaultChecked={chosen === n} /> {t(`feedback.score${n}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <details open={dimensions.some((d) => text(values?.[d]) || errors?.[d])}>
          <summary>{t('feedback.dimensions')}</summary>
          <p className="muted">{t('feedback.dimensionsHint')}</p>
          {dimensions.map((d) => (
            <SelectField
              key={d}
              name={d}
              id={id(`field-${d}`)}
              label={t(`feedback.dimension.${d}`)}
              error={errors?.[d]}
              defaultValue={text(values?.[d])}
              options={[{ value: '', label: t('feedback.notRated') }, ...(['5', '4', '3', '2', '1'] as const).map((n) => ({ value: n, label: t(`feedback.score${n}`) }))]}
            />
          ))}
        </details>
        <Field name="comment" id={id('field-comment')} type="text" label={t('feedback.comment')} hint={t('feedback.commentHint')} error={errors?.comment} defaultValue={text(values?.comment)} maxLength={1000} />
        <button type="submit" className="button">{t(`feedback.send.${subject}`)}</button>
      </Form>
    </section>
  );
}
