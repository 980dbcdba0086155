import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** `id` defaults to field-<name>, the anchor the error summary links to; pass one when a name repeats on a page. */
type Common = { name: string; label: string; hint?: string; error?: string; id?: string };

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Wrapper({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** What a control needs to be found by its label and the error summary, and to carry its hint and error (aria). */
function wiring(name: string, id: string | undefined, hint: string | undefined, error: string | undefined) {
  const fieldId = id ?? `field-${name}`;
  return { id: fieldId, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(fieldId, hint, error) };
}

/** A labelled input with its hint and error message wired to it (aria-describedby, aria-invalid). */
export function Field({ name, label, hint, error, id, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>) {
  const wired = wiring(name, id, hint, error);
  return (
    <Wrapper id={wired.id} label={label} hint={hint} error={error}>
      <input {...input} {...wired} />
    </Wrapper>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id,
  options,
  ...select
}: Common & { options: { value: string; label: string }[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'>) {
  const wired = wiring(name, id, hint, error);
  return (
    <Wrapper id={wired.id} label={label} hint={hint} error={error}>
      <select {...select} {...wired}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** A labelled multi-line text box, wired like Field. */
export function TextAreaField({ name, label, hint, error, id, ...textarea }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>) {
  const wired = wiring(name, id, hint, error);
  return (
    <Wrapper id={wired.id} label={label} hint={hint} error={error}>
      <textarea {...textarea} {...wired} />
    </Wrapper>
  );
}

/** A group of checkboxes sharing one name; the first box carries the id the error summary links to. */
export function CheckboxesField({ name, label, hint, error, options, checked }: Common & { options: { value: string; label: string }[]; checked: string[] }) {
  const fieldId = `field-${name}`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={describedBy(fieldId, hint, error)}>
        <legend>{label}</legend>
        {hint ? <span className="field__hint" id={`${fieldId}-hint`}>{hint}</span> : null}
        {error ? <span className="field__error" id={`${fieldId}-error`}>{error}</span> : null}
        <div className="checkboxes">
          {options.map((o, i) => (
            <label className="checkbox" key={o.value}>
              <input type="checkbox" id={i === 0 ? fieldId : undefined} name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The value typed before a failed submit, else the saved one. */
export function valueOf(values: Record<string, string | string[]> | undefined, name: string, fallback = ''): string {
  const v = values?.[name];
  return typeof v === 'string' ? v : fallback;
}
