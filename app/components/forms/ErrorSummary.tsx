import { useEffect, useRef } from 'react';
import { useT } from '#app/utils/use-app';
import type { FieldErrors } from '#app/utils/forms';
import { useReportRefusal } from '#app/utils/page-outcome';

/**
 * The GOV.UK error summary: above the h1, takes focus, links each message to its field.
 * `labels` names the fields in the order they appear on the page; `ids` gives the element of a field whose id is not
 * `field-<name>` (a form repeated per row), or null for a field with no element to go to.
 */
export function ErrorSummary({ errors, labels, ids = {} }: { errors: FieldErrors | undefined; labels: Record<string, string>; ids?: Record<string, string | null> }) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = errors ? Object.entries(errors) : [];
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  useReportRefusal(entries.length > 0);
  if (!entries.length) return null;
  const order = Object.keys(labels);
  entries.sort(([a], [b]) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{labels[field] ? <SummaryLine target={field in ids ? ids[field]! : `field-${field}`} text={`${labels[field]}: ${message}`} /> : message}</li>
        ))}
      </ul>
    </div>
  );
}

function SummaryLine({ target, text }: { target: string | null; text: string }) {
  return target ? <a href={`#${target}`}>{text}</a> : <>{text}</>;
}
