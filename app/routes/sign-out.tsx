import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { endSession } from '#app/modules/accounts/sessions.server';
import { readForm } from '#app/utils/action.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return endSession(request, '/');
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
