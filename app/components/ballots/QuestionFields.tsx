import { useState, type ReactNode } from 'react';
import { Link } from '@remix-run/react';
import { formatAmount } from '#app/utils/format';
import type { MessageKey } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';

type Option = { id: number; labelRu: string; labelEn: string; ideaId: number | null; hasImage: boolean; cost: number | null };
type Question = { id: number; textRu: string; textEn: string; kind: 'single' | 'multiple' | 'ranked' | 'graded' | 'budget'; maxChoices: number; cart: 'knapsack' | 'approval' | null; budget: number | null; minSpend: number | null; currency: string | null; options: Option[] };
type Typed = Record<string, string | string[]> | undefined;

const grades = [5, 4, 3, 2, 1, 0] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** One question of the ballot form, whatever its kind; every kind works without JavaScript. */
export function QuestionFields({ q, error, typed }: { q: Question; error?: string; typed: Typed }) {
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  const hintId = `field-q${q.id}-hint`;
  const errorId = `field-q${q.id}-error`;
  const hint =
    q.kind === 'single' ? t('votes.pickOne')
    : q.kind === 'multiple' ? t('votes.pickUpTo', { max: q.maxChoices })
    : q.kind === 'ranked' ? t('votes.rankHint')
    : q.kind === 'graded' ? t('votes.gradeHint')
    : q.cart === 'approval' ? t('votes.approvalHint', { max: q.maxChoices, budget: formatAmount(q.budget ?? 0, q.currency) })
    : [t('votes.budgetHint', { budget: formatAmount(q.budget ?? 0, q.currency) }), q.maxChoices < q.options.length ? t('votes.budgetUpTo', { max: q.maxChoices }) : '', q.minSpend ? t('votes.budgetMin', { min: formatAmount(q.minSpend, q.currency) }) : ''].filter(Boolean).join(' ');
  const extras = (o: Option) => (
    <>
      {o.hasImage ? <img src={`/media/ballot-options/${o.id}`} alt="" width={120} loading="lazy" /> : null}
      {o.ideaId ? <> (<Link to={`/ideas/${o.ideaId}`}>{t('votes.theIdea')}</Link>)</> : null}
    </>
  );
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset id={`field-q${q.id}`} aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
        <legend>{text(q.textRu, q.textEn)}</legend>
        <span className="field__hint" id={hintId}>{hint}</span>
        {error ? <span className="field__error" id={errorId}>{error}</span> : null}
        {q.kind === 'ranked' || q.kind === 'graded' ? (
          q.options.map((o) => {
            const name = `q${q.id}.${o.id}`;
            const label = t(q.kind === 'ranked' ? 'votes.rankOf' : 'votes.gradeOf', { option: text(o.labelRu, o.labelEn) });
            return (
              <div key={o.id} className="rank-row">
                <label htmlFor={`field-${name}`}>{label}</label>
                <select id={`field-${name}`} name={name} defaultValue={first(typed?.[name])} aria-invalid={error ? true : undefined}>
                  {q.kind === 'ranked' ? (
                    <>
                      <option value="">{t('votes.notRanked')}</option>
                      {q.options.map((_, i) => <option key={i} value={i + 1}>{i + 1}</option>)}
                    </>
                  ) : (
                    <>
                      <option value="">{t('votes.chooseGrade')}</option>
                      {grades.map((g) => <option key={g} value={g}>{t(`votes.grade.${g}` as MessageKey)}</option>)}
                    </>
                  )}
                </select>
                {extras(o)}
              </div>
            );
          })
        ) : q.kind === 'budget' ? (
          <BudgetCart q={q} typed={typed} extras={extras} />
        ) : (
          q.options.map((o) => (
            <label key={o.id} className="checkbox">
              <input type={q.kind === 'single' ? 'radio' : 'checkbox'} name={`q${q.id}`} value={o.id} /> {text(o.labelRu, o.labelEn)}
              {extras(o)}
            </label>
          ))
        )}
      </fieldset>
    </div>
  );
}

/** Projects with their cost and, with JavaScript, the running total of the cart; the server refuses an over-budget cart either way. */
function BudgetCart({ q, typed, extras }: { q: Question; typed: Typed; extras: (o: Option) => ReactNode }) {
  const { t, locale } = useT();
  const given = typed?.[`q${q.id}`];
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(given === undefined ? [] : [given].flat()));
  const total = q.options.filter((o) => chosen.has(String(o.id))).reduce((sum, o) => sum + (o.cost ?? 0), 0);
  const budget = q.budget ?? 0;
  const toggle = (id: string, on: boolean) => setChosen((was) => { const next = new Set(was); if (on) next.add(id); else next.delete(id); return next; });
  return (
    <>
      {q.options.map((o) => (
        <label key={o.id} className="checkbox">
          <input type="checkbox" name={`q${q.id}`} value={o.id} checked={chosen.has(String(o.id))} onChange={(e) => toggle(String(o.id), e.currentTarget.checked)} />{' '}
          {locale === 'ru' ? o.labelRu : o.labelEn} — <span className="mono">{formatAmount(o.cost ?? 0, q.currency)}</span>
          {extras(o)}
        </label>
      ))}
      {q.cart === 'approval' ? null : <p className={total > budget ? 'cart-total cart-total--over' : 'cart-total'} aria-live="polite" data-testid={`cart-total-${q.id}`}>
        {t('votes.cartTotal', { total: formatAmount(total, q.currency), budget: formatAmount(budget, q.currency) })}
        {total > budget ? <> — <strong>{t('votes.cartOver', { over: formatAmount(total - budget, q.currency) })}</strong></> : null}
      </p>}
    </>
  );
}
