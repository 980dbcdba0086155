// Any origin would do: a value is accepted only if it stays on it, so the check is the same in the browser.
const here = 'http://vmeste.invalid';

/**
 * A path of this site to return to after a form, never another site: the value is read as a browser would read a
 * Location header (`new URL` against our origin), and kept only when it stays on our origin as a path. Whitespace
 * and control characters (which browsers drop or the header refuses) give the fallback, never an error.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || /[\s\p{Cc}\p{Cf}\\]/u.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, here);
  } catch {
    return fallback;
  }
  // "/.//evil.example" resolves to the path "//evil.example", which a browser would take for another host.
  if (url.origin !== here || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}
