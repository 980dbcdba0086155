import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { useLocation } from '@remix-run/react';

/**
 * What the page answers, for its title: a page that failed (its HTTP status: "Page not found — Vmeste") or a form
 * refused with field errors ("Error: Create an account — Vmeste", GOV.UK). The root renders the title before the
 * page below it, so it cannot wait for the page to say so:
 * - on the server, the answer's status says it (app/entry.server.tsx); the document carries it in
 *   `<meta name="page-outcome">`, so the browser's first render matches the server's;
 * - in the browser, after a client-side navigation or submission, the error page and each error summary on show
 *   report themselves here as they appear and leave as they go.
 */
export type PageOutcome = { status: number; refused: boolean; shown: { errorStatus: number | null; summaries: number }; listeners: Set<() => void> };

const metaName = 'page-outcome';

/** A submission the server refused with field errors (the page is the form again), not a page that failed. */
function isRefusedSubmission(method: string, status: number): boolean {
  return method !== 'GET' && method !== 'HEAD' && (status === 400 || status === 413 || status === 429);
}

function outcome(status: number, refused: boolean): PageOutcome {
  return { status, refused, shown: { errorStatus: null, summaries: 0 }, listeners: new Set() };
}

/** The server's: from the request's method and the answer's status. */
export function serverOutcome(method: string, status: number): PageOutcome {
  const refused = isRefusedSubmission(method, status);
  return outcome(refused ? 200 : status, refused);
}

let browserOutcome: PageOutcome | undefined;
function inBrowser(): PageOutcome {
  if (!browserOutcome) {
    const [status, refused] = (document.querySelector(`meta[name="${metaName}"]`)?.getAttribute('content') ?? '200').split(' ');
    browserOutcome = outcome(Number(status) || 200, refused === 'refused');
  }
  return browserOutcome;
}

export const PageOutcomeContext = createContext<PageOutcome | null>(null);

function useOutcome(): PageOutcome {
  return useContext(PageOutcomeContext) ?? inBrowser();
}

function useShown(page: PageOutcome) {
  return useSyncExternalStore(
    (listener) => {
      page.listeners.add(listener);
      return () => page.listeners.delete(listener);
    },
    () => page.shown,
    () => page.shown,
  );
}

function show(page: PageOutcome, change: Partial<PageOutcome['shown']>) {
  page.shown = { ...page.shown, ...change };
  for (const listener of page.listeners) listener();
}

/**
 * For the root: the failed page's status (or null) and whether a form was refused. The server's word holds for the
 * address it answered, until the first client-side navigation.
 */
export function usePageOutcome(): { errorStatus: number | null; refused: boolean; meta: { name: string; content: string } | null } {
  const page = useOutcome();
  const location = useLocation();
  const firstKey = useRef(location.key);
  const shown = useShown(page);
  const fromServer = location.key === firstKey.current;
  const serverError = fromServer && page.status >= 400 ? page.status : null;
  const serverRefused = fromServer && page.refused;
  return {
    errorStatus: shown.errorStatus ?? serverError,
    refused: shown.summaries > 0 || serverRefused,
    meta: serverError || serverRefused ? { name: metaName, content: `${page.status}${page.refused ? ' refused' : ''}` } : null,
  };
}

/** For the error summary: counts itself while it shows errors. */
export function useReportRefusal(showing: boolean) {
  const page = useOutcome();
  useEffect(() => {
    if (!showing) return;
    show(page, { summaries: page.shown.summaries + 1 });
    return () => show(page, { summaries: page.shown.summaries - 1 });
  }, [showing, page]);
}

/** For the error page: says which status it shows while it shows. */
export function useReportError(status: number) {
  const page = useOutcome();
  useEffect(() => {
    show(page, { errorStatus: status });
    return () => show(page, { errorStatus: null });
  }, [status, page]);
}
