import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { setPreferredLocale } from '#app/modules/accounts/update-profile.server';
import { readForm } from '#app/utils/action.server';
import { langCookie } from '#app/utils/cookies.server';
import { isLocale } from '#app/utils/i18n';
import { safeRedirectPath } from '#app/utils/redirect';

export async function loader() {
  return redirect('/');
}

/** Switches the UI language (remembered in a cookie, and on the account for e-mails). */
export async function action({ request }: ActionFunctionArgs) {
  const { formData } = await readForm(request);
  const lang = formData.get('lang');
  const to = safeRedirectPath(formData.get('redirectTo'));
  if (!isLocale(lang)) return redirect(to);
  const user = await getCurrentUser(request);
  if (user) await setPreferredLocale(user.id, lang);
  return redirect(to, { headers: { 'Set-Cookie': await langCookie.serialize(lang) } });
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
