import { Suspense, type ReactNode } from 'react';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { useT } from '#app/utils/use-app';

/**
 * A chart drawn in the browser (hidden from assistive technology), its numbers in a table anyone (and any screen
 * reader) can open, and a CSV of the same figures at `csv`.
 */
export function Kpi({ id, title, csv, chart, table, empty }: { id: string; title: string; csv: string; chart: ReactNode; table: ReactNode; empty: boolean }) {
  const { t } = useT();
  return (
    <section className="kpi" aria-labelledby={`kpi-${id}`}>
      <h2 id={`kpi-${id}`}>{title}</h2>
      {empty ? (
        <p className="empty-state">{t('stats.empty')}</p>
      ) : (
        <>
          <div className="kpi__chart" aria-hidden="true">
            <ClientOnly>{() => <Suspense fallback={null}>{chart}</Suspense>}</ClientOnly>
          </div>
          <details>
            <summary>{t('stats.showNumbers')}</summary>
            <div className="table-wrap">{table}</div>
          </details>
        </>
      )}
      <p>
        <a href={csv} download>
          {t('stats.csv', { name: title })}
        </a>
      </p>
    </section>
  );
}
