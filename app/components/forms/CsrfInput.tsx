import { useRootData } from '#app/utils/use-app';

/** Hidden CSRF token; every form that changes something carries it. */
export function CsrfInput() {
  return <input type="hidden" name="_csrf" value={useRootData()?.csrfToken ?? ''} />;
}
