import type { QuestionCount } from '#app/modules/votes/count-question';
import { formatAmount } from '#app/utils/format';
import type { MessageKey } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';

type Option = { id: number; labelRu: string; labelEn: string };
type Question = { id: number; textRu: string; textEn: string; currency: string | null; options: Option[] };

/** How a ranked, graded or budget question was counted, step by step, in words and tables. */
export function CountExplained({ q, count }: { q: Question; count: QuestionCount }) {
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  const name = (id: number) => {
    const o = q.options.find((x) => x.id === id);
    return o ? text(o.labelRu, o.labelEn) : String(id);
  };
  const names = (ids: number[]) => ids.map(name).join(', ') || t('votes.nobody');
  const grade = (g: number) => t(`votes.grade.${g}` as MessageKey);
  const heading = t('votes.countTitle', { question: text(q.textRu, q.textEn), rule: t(`votes.rule.${count.rule}` as MessageKey) });
  return (
    <section className="card" aria-label={heading} data-testid={`count-${q.id}`}>
      <h3>{heading}</h3>
      <p><strong data-testid={`winners-${q.id}`}>{t('votes.winners', { names: names(count.winners) })}</strong></p>
      {count.rule === 'schulze' || count.rule === 'instant-runoff' ? (
        <>
          {count.rule === 'instant-runoff' ? (
            <>
              <p>{t('votes.runoffWhy')}</p>
              <div className="table-wrap">
                <table>
                  <caption>{t('votes.runoffCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('votes.option')}</th>
                      {count.runoff.rounds.map((_, i) => <th key={i} scope="col">{t('votes.round', { n: i + 1 })}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {q.options.map((o) => (
                      <tr key={o.id}>
                        <th scope="row">{name(o.id)}</th>
                        {count.runoff.rounds.map((r, i) => (
                          <td key={i}>{r.votes[String(o.id)] ?? '—'}{r.eliminated.includes(o.id) ? <> ({t('votes.out')})</> : null}</td>
                        ))}
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('votes.exhausted')}</th>
                      {count.runoff.rounds.map((r, i) => <td key={i}>{r.exhausted}</td>)}
                    </tr>
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <p>{t('votes.schulzeWhy')}</p>
          <div className="table-wrap">
            <table data-testid={`pairwise-${q.id}`}>
              <caption>{t('votes.pairwiseCaption')}</caption>
              <thead>
                <tr>
                  <td />
                  {count.schulze.options.map((id) => <th key={id} scope="col">{name(id)}</th>)}
                </tr>
              </thead>
              <tbody>
                {count.schulze.options.map((row, i) => (
                  <tr key={row}>
                    <th scope="row">{name(row)}</th>
                    {count.schulze.options.map((col, j) => <td key={col}>{i === j ? '—' : count.schulze.pairwise[i]![j]}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('votes.schulzeOrder')}: {count.schulze.order.map((group) => names(group)).join(' > ')}</p>
        </>
      ) : count.rule === 'majority-judgment' ? (
        <>
          <p>{t('votes.judgmentWhy')}</p>
          <div className="table-wrap">
            <table data-testid={`grades-${q.id}`}>
              <caption>{t('votes.gradesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('votes.option')}</th>
                  {[5, 4, 3, 2, 1, 0].map((g) => <th key={g} scope="col">{grade(g)}</th>)}
                  <th scope="col">{t('votes.medianGrade')}</th>
                </tr>
              </thead>
              <tbody>
                {count.judgment.order.flat().map((id) => {
                  const o = count.judgment.options.find((x) => x.id === id)!;
                  return (
                    <tr key={id}>
                      <th scope="row">{name(id)}</th>
                      {[5, 4, 3, 2, 1, 0].map((g) => <td key={g}>{o.distribution[g]}</td>)}
                      <td>{o.median === null ? '—' : grade(o.median)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ul>
            {count.judgment.tieBreaks.map((b) => (
              <li key={`${b.above}-${b.below}`}>
                {b.step === 0
                  ? t('votes.tieBreakMedian', { above: name(b.above), below: name(b.below), aboveGrade: grade(b.aboveGrade), belowGrade: b.belowGrade < 0 ? '—' : grade(b.belowGrade) })
                  : t('votes.tieBreakStep', { above: name(b.above), below: name(b.below), n: b.step, aboveGrade: grade(b.aboveGrade), belowGrade: b.belowGrade < 0 ? '—' : grade(b.belowGrade) })}
              </li>
            ))}
          </ul>
        </>
      ) : count.rule === 'greedy' || count.rule === 'equal-shares' ? (
        <>
          <p>{count.rule === 'greedy' ? t('votes.greedyWhy') : t('votes.equalSharesWhy', { share: formatAmount(count.budget.perVoterShare ?? 0, q.currency) })}</p>
          <p>{t('votes.budgetSpent', { spent: formatAmount(count.budget.spent, q.currency), budget: formatAmount(count.budget.budget, q.currency) })}</p>
          <div className="table-wrap">
            <table data-testid={`budget-${q.id}`}>
              <caption>{t('votes.budgetCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('votes.project')}</th>
                  <th scope="col">{t('votes.votes')}</th>
                  <th scope="col">{t('votes.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {count.budget.projects.map((p) => (
                  <tr key={p.id} data-project={p.id}>
                    <th scope="row">{name(p.id)} — <span className="mono">{formatAmount(p.cost, q.currency)}</span></th>
                    <td>{p.votes}</td>
                    <td>
                      <strong>{p.funded ? t('votes.funded') : t('votes.notFunded')}.</strong>{' '}
                      {t(`votes.outcome.${p.reason}` as MessageKey, { left: formatAmount(p.left, q.currency), round: p.round ?? 0, pay: formatAmount(p.maxPayment ?? 0, q.currency) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('votes.otherRule', { rule: t(`votes.rule.${count.other.rule}` as MessageKey), projects: names(count.other.funded) })}</p>
        </>
      ) : null}
    </section>
  );
}
