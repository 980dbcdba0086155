// The posts to an alert's signed links (ADR 056): the page's own button and a mail client's RFC 8058 one-click POST
// ("List-Unsubscribe=One-Click"). No session and no CSRF token: the signed link is the authority, and the body is
// read within small bounds (a 413/400 for more, never a 500).
import { readFormWithoutCsrf } from '#app/utils/action.server';
import { readAlertLink, type AlertLinkPurpose, type ReadLink } from './tokens.server';

export async function readLinkPost(request: Request, purpose: AlertLinkPurpose, token: string | undefined): Promise<ReadLink & { formData: FormData }> {
  const formData = await readFormWithoutCsrf(request, { maxBytes: 2048, maxFields: 5 });
  return { ...readAlertLink(purpose, token ?? ''), formData };
}

/** The status a link's refusal is answered with: a link that was never ours is a 400; one that has run out, a 410. */
export const refusalStatus = (why: 'invalid' | 'expired' | 'gone') => (why === 'invalid' ? 400 : 410);
