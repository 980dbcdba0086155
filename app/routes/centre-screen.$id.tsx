import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { centreById } from '#app/modules/centres/queries.server';
import { queueScreen, type QueueScreen } from '#app/modules/centres/queue.server';
import { centresMessages } from '#app/modules/centres/messages';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';
import { openLiveSource } from '#app/utils/live-source';

export const handle = { title: 'page.centreScreen', messages: [centresMessages] } satisfies PageHandle;

export async function loader({ params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  const [centre, screen] = await Promise.all([centreById(id), queueScreen(id)]);
  if (!centre || !screen) throw new Response('Not found', { status: 404 });
  return { centre: { id, nameRu: centre.nameRu, nameEn: centre.nameEn }, screen };
}

/** The screen in the centre's hall: the numbers called and their windows in large type, updated live over SSE. */
export default function CentreScreen() {
  const { centre, screen: first } = useLoaderData<typeof loader>();
  const [live, setLive] = useState<QueueScreen | null>(null);
  // The newer of what the page loaded and what the stream said last.
  const screen = live && live.at >= first.at ? live : first;
  const { t, locale } = useT();
  useEffect(() => {
    const source = openLiveSource(`/centre-queue/${centre.id}`, { queue: (data) => setLive(JSON.parse(data) as QueueScreen) });
    return () => source.close();
  }, [centre.id]);
  return (
    <div className="queue-screen">
      <h1>{t('centres.screenTitle', { centre: locale === 'ru' ? centre.nameRu : centre.nameEn })}</h1>
      <div aria-live="polite">
        {screen.called.length === 0 ? (
          <p className="queue-screen__empty">{t('centres.screenNoneCalled')}</p>
        ) : (
          <table className="queue-screen__called">
            <thead>
              <tr>
                <th scope="col">{t('centres.ticket')}</th>
                <th scope="col">{t('centres.window')}</th>
              </tr>
            </thead>
            <tbody>
              {screen.called.map((c) => (
                <tr key={c.number} data-ticket={c.number}>
                  <td>{c.number}</td>
                  <td>{c.window}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="queue-screen__wait">
          {t('centres.screenWaiting', { count: screen.waiting })}
          {screen.expectedWaitMinutes !== null ? ` · ${t('centres.screenExpected', { minutes: screen.expectedWaitMinutes })}` : ''}
        </p>
      </div>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
