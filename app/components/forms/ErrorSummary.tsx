import { useEffect, useRef } from 'react';
import { useT } from '#app/utils/use-app';
import type { FieldErrors } from '#app/utils/forms';

/**
 * The GOV.UK error summary: above the h1, takes focus, links each message to its field.
 * `labels` names the fields in the order they appear on the page.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors | undefined; labels: Record<string, string> }) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = errors ? Object.entries(errors) : [];
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  const order = Object.keys(labels);
  entries.sort(([a], [b]) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{labels[field] ? <a href={`#field-${field}`}>{`${labels[field]}: ${message}`}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}
