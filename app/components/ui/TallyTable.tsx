import { useT } from '#app/utils/use-app';

type Option = { id: number; labelRu: string; labelEn: string };

/** Votes per option with each option's share of the question's votes; the numbers are text, the bar only repeats them. */
export function TallyTable({ caption, options, votes, winners = [] }: { caption: string; options: Option[]; votes: Record<string, number>; winners?: number[] }) {
  const { t, locale } = useT();
  const total = options.reduce((sum, o) => sum + (votes[String(o.id)] ?? 0), 0);
  return (
    <div className="table-wrap">
      <table className="tally">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('votes.option')}</th>
            <th scope="col">{t('votes.votes')}</th>
            <th scope="col">{t('votes.share')}</th>
          </tr>
        </thead>
        <tbody>
          {options.map((o) => {
            const n = votes[String(o.id)] ?? 0;
            const share = total ? Math.round((n / total) * 1000) / 10 : 0;
            return (
              <tr key={o.id} data-option={o.id}>
                <th scope="row">
                  {locale === 'ru' ? o.labelRu : o.labelEn}
                  {winners.includes(o.id) ? <> <strong>({t('votes.winner')})</strong></> : null}
                </th>
                <td data-votes={o.id}>{n}</td>
                <td>
                  <span data-share={o.id}>{share}%</span>
                  <span className="tally__bar" aria-hidden="true" style={{ width: `${share}%` }} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
