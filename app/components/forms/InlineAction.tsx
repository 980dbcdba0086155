import { Form } from '@remix-run/react';
import { CsrfInput } from './CsrfInput';

/**
 * A one-button form inside a list row (remove, revoke, mark read…): its hidden fields and a button that looks like a
 * link. `about` completes the label for screen readers ("Revoke" → "Revoke Anna Petrova"), as rows repeat the label.
 */
export function InlineAction({ label, about, intent, fields = {}, action }: { label: string; about?: string; intent?: string; fields?: Record<string, string | number>; action?: string }) {
  return (
    <Form method="post" action={action} className="inline-form">
      <CsrfInput />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name={intent ? 'intent' : undefined} value={intent} className="link-button">
        {label}
        {about ? <span className="visually-hidden"> {about}</span> : null}
      </button>
    </Form>
  );
}
