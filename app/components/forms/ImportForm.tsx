import { Form } from '@remix-run/react';
import { CsrfInput } from './CsrfInput';
import { Field } from './Field';

/**
 * An admin's file import (the address registry, the service catalogue, the service centres): the last attempt's problems, each with its
 * line and column, then the file and two buttons — check without importing (`intent=check`) or import.
 */
export function ImportForm(props: { problemsTitle: string; problems: unknown; accept: string; label: string; hint: string; error?: string; check: string; submit: string }) {
  const { problems } = props;
  return (
    <>
      {Array.isArray(problems) ? (
        <section aria-labelledby="import-problems">
          <h3 id="import-problems">{props.problemsTitle}</h3>
          <ul className="import-problems" data-testid="import-problems">
            {problems.map((line: string) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form">
        <CsrfInput />
        <Field name="file" type="file" accept={props.accept} label={props.label} hint={props.hint} error={props.error} />
        <p className="actions">
          <button type="submit" name="intent" value="check" className="button button--secondary">{props.check}</button>{' '}
          <button type="submit" name="intent" value="import" className="button">{props.submit}</button>
        </p>
      </Form>
    </>
  );
}
