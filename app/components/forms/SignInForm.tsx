import type { ReactNode } from 'react';
import { Form } from '@remix-run/react';
import type { FieldErrors } from '#app/utils/forms';
import { CsrfInput } from './CsrfInput';
import { ErrorSummary } from './ErrorSummary';

/**
 * The frame of the ways in (password, printed code): the error summary above the heading, a notice under it, the
 * CSRF-protected form with its fields and one button, and the links that follow.
 */
export function SignInForm({ title, labels, errors, notice, submit, children, after }: { title: string; labels: Record<string, string>; errors: FieldErrors | undefined; notice?: ReactNode; submit: string; children: ReactNode; after?: ReactNode }) {
  return (
    <div className="form">
      <ErrorSummary errors={errors} labels={labels} />
      <h1>{title}</h1>
      {notice}
      <Form method="post" noValidate>
        <CsrfInput />
        {children}
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
      {after}
    </div>
  );
}
