// Reports drafted offline (ADR 049), kept in this browser's IndexedDB (idb-keyval) with their photos, and sent
// when the connection returns — by the page on 'online', or by the service worker on a Background Sync, whichever
// comes first: both send under one Web Lock, so a draft is never filed twice.
import { createStore, del, entries, get, set } from 'idb-keyval';

export const draftsSyncTag = 'report-drafts';

export type DraftState =
  | { kind: 'waiting' }
  | { kind: 'sent'; reportUrl: string }
  // `reasons`: the form's own messages, in the language the server answered in; `signIn`: the session ended.
  | { kind: 'refused'; reasons: string[]; signIn?: boolean };

export type ReportDraft = {
  id: string;
  createdAt: number;
  /** The form's text fields as typed (the CSRF token among them), and its photos. */
  fields: [string, string][];
  photos: { name: string; type: string; blob: Blob }[];
  description: string;
  state: DraftState;
};

const store = () => createStore('vmeste-report-drafts', 'drafts');

/** Keeps the form's answers and photos on this device, waiting for the connection. */
export async function saveDraft(form: FormData): Promise<ReportDraft> {
  const fields: [string, string][] = [];
  const photos: ReportDraft['photos'] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') fields.push([name, value]);
    else if (value.size > 0) photos.push({ name: value.name, type: value.type, blob: value });
  }
  const draft: ReportDraft = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    fields,
    photos,
    description: String(form.get('description') ?? '').slice(0, 120),
    state: { kind: 'waiting' },
  };
  await set(draft.id, draft, store());
  return draft;
}

export async function listDrafts(): Promise<ReportDraft[]> {
  return (await entries<string, ReportDraft>(store())).map(([, draft]) => draft).sort((a, b) => b.createdAt - a.createdAt);
}

export const removeDraft = (id: string) => del(id, store());

/** Asks the service worker to send the drafts when the connection returns, where the browser has Background Sync. */
export async function askForSync(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration('/');
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
  await sync?.register(draftsSyncTag).catch(() => undefined);
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole).trim();

/** What the form said when it refused the draft: the error summary's lines, or the nearby reports' warning. */
function refusalReasons(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1];
  const lines = summary ? [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)) : [];
  const nearby = /<h2 id="nearby-title">([\s\S]*?)<\/h2>/.exec(html)?.[1];
  if (nearby) lines.push(textOf(nearby));
  return lines.filter(Boolean);
}

/** Files one draft as the form would; its new state, or null when the network is still away (it stays waiting). */
async function sendDraft(origin: string, draft: ReportDraft): Promise<DraftState | null> {
  const body = new FormData();
  for (const [name, value] of draft.fields) body.append(name, value);
  for (const photo of draft.photos) body.append('photos', new File([photo.blob], photo.name, { type: photo.type }));
  let response: Response;
  try {
    response = await fetch(`${origin}/reports/new`, { method: 'POST', body, credentials: 'same-origin', redirect: 'follow' });
  } catch {
    return null;
  }
  const landed = new URL(response.url || `${origin}/reports/new`);
  if (response.ok && /^\/reports\/\d+$/.test(landed.pathname)) return { kind: 'sent', reportUrl: landed.pathname };
  if (landed.pathname === '/sign-in') return { kind: 'refused', reasons: [], signIn: true };
  // The server or the network in trouble: tried again later.
  if (response.status >= 500 || response.status === 0) return null;
  return { kind: 'refused', reasons: refusalReasons(await response.text()) };
}

/** Sends every waiting draft, one at a time, under the lock the page and the service worker share. */
export async function sendDrafts(origin: string): Promise<number> {
  const send = async () => {
    let changed = 0;
    for (const { id } of await listDrafts()) {
      // Read again under the lock: the other sender may have sent it meanwhile.
      const draft = await get<ReportDraft>(id, store());
      if (!draft || draft.state.kind !== 'waiting') continue;
      const state = await sendDraft(origin, draft);
      if (!state) break;
      await set(id, { ...draft, state, fields: state.kind === 'sent' ? [] : draft.fields, photos: state.kind === 'sent' ? [] : draft.photos }, store());
      changed++;
    }
    return changed;
  };
  return navigator.locks ? navigator.locks.request('vmeste-report-drafts', send) : send();
}
