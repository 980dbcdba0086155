// The report form's offline drafts (ADR 049): filed while offline, they wait on this device and go when the
// connection returns; each shows where it stands — waiting to send, sent (with its report), or refused and why.
import { Link } from '@remix-run/react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Badge } from '#app/components/ui/Badge';
import { askForSync, listDrafts, removeDraft, saveDraft, sendDrafts, type ReportDraft } from '#app/utils/report-drafts.client';
import { useT } from '#app/utils/use-app';

/** Keeps the form's answers on the device instead of posting them when the browser is offline. */
export function useOfflineDrafts() {
  const [drafts, setDrafts] = useState<ReportDraft[]>([]);
  const [justSaved, setJustSaved] = useState(false);
  const refresh = useCallback(() => void listDrafts().then(setDrafts), []);
  const sendNow = useCallback(() => void sendDrafts(window.location.origin).then(refresh), [refresh]);

  useEffect(() => {
    refresh();
    if (navigator.onLine) sendNow();
    const onMessage = (event: MessageEvent<{ type?: string }>) => event.data?.type === 'drafts-changed' && refresh();
    window.addEventListener('online', sendNow);
    navigator.serviceWorker?.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('online', sendNow);
      navigator.serviceWorker?.removeEventListener('message', onMessage);
    };
  }, [refresh, sendNow]);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      if (navigator.onLine) return;
      event.preventDefault();
      void saveDraft(new FormData(event.currentTarget)).then(async () => {
        setJustSaved(true);
        refresh();
        await askForSync();
      });
    },
    [refresh],
  );

  const remove = useCallback((id: string) => void removeDraft(id).then(refresh), [refresh]);
  return { drafts, justSaved, onSubmit, remove };
}

export function ReportDrafts({ drafts, justSaved, remove }: Omit<ReturnType<typeof useOfflineDrafts>, 'onSubmit'>) {
  const { t } = useT();
  return (
    <section aria-labelledby={drafts.length ? 'drafts-title' : undefined} className="drafts">
      <div role="status">{justSaved ? <p className="notice">{t('drafts.saved')}</p> : null}</div>
      {drafts.length ? (
        <>
          <h2 id="drafts-title">{t('drafts.title')}</h2>
          <ul className="drafts__list">
            {drafts.map((draft) => (
              <li key={draft.id} data-draft-state={draft.state.kind}>
                <span>{draft.description || t('drafts.untitled')}</span>{' '}
                {draft.state.kind === 'waiting' ? <Badge tone="info">{t('drafts.waiting')}</Badge> : null}
                {draft.state.kind === 'sent' ? (
                  <>
                    <Badge tone="success">{t('drafts.sent')}</Badge> <Link to={draft.state.reportUrl}>{t('drafts.open')}</Link>
                  </>
                ) : null}
                {draft.state.kind === 'refused' ? (
                  <>
                    <Badge tone="danger">{t('drafts.refused')}</Badge>{' '}
                    {draft.state.signIn ? t('drafts.signIn') : draft.state.reasons.join('; ') || t('drafts.refusedUnknown')}
                  </>
                ) : null}{' '}
                {draft.state.kind !== 'waiting' ? (
                  <button type="button" className="button button--secondary button--small" onClick={() => remove(draft.id)}>
                    {t('drafts.remove')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
