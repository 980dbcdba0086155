// Receipts a voter chose to keep. They live only in the voter's browser (a signed, HttpOnly cookie), never in the
// database: a receipt stored next to the account would tie the person to their entry in the public ledger, which
// is exactly what the split between `ballot_participations` and `ballot_casts` prevents. The server reads the
// cookie to show the receipts back and forgets them at the end of the request.
import { createCookie } from '@remix-run/node';
import { z } from 'zod';
import { env, secureCookies } from '#app/utils/env.server';
import { normaliseReceipt } from './ledger';

/** Browsers cap a cookie at about 4 KB; 40 receipts stay well inside it once signed. The oldest go first. */
export const keptReceiptsLimit = 40;

const keptCookie = createCookie('vmeste_receipts', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: secureCookies,
  secrets: [env.SESSION_SECRET],
  // Browsers keep a cookie at most 400 days.
  maxAge: 60 * 60 * 24 * 400,
});

/** [userId, ballotId, receipt] — several people may share a browser; each sees only their own. */
const stored = z.array(z.tuple([z.string(), z.number().int(), z.string()])).max(keptReceiptsLimit);
type Stored = z.infer<typeof stored>;

async function readAll(request: Request): Promise<Stored> {
  const parsed = stored.safeParse(await keptCookie.parse(request.headers.get('Cookie')));
  // A cookie that is missing, forged or of an older shape counts as empty.
  return parsed.success ? parsed.data : [];
}

export type KeptReceipt = { ballotId: number; receipt: string };

/** This person's kept receipts, newest first. */
export async function keptReceipts(request: Request, userId: string): Promise<KeptReceipt[]> {
  return (await readAll(request)).filter(([user]) => user === userId).map(([, ballotId, receipt]) => ({ ballotId, receipt: displayReceipt(receipt) }));
}

/** The Set-Cookie header that keeps `receipt` (normalised) for this person and ballot, replacing an older one. */
export async function keepReceipt(request: Request, userId: string, ballotId: number, receipt: string): Promise<string> {
  const others = (await readAll(request)).filter(([user, ballot]) => !(user === userId && ballot === ballotId));
  return keptCookie.serialize([[userId, ballotId, normaliseReceipt(receipt)] as const, ...others].slice(0, keptReceiptsLimit));
}

/** The Set-Cookie header without this person's receipt for the ballot. */
export async function forgetReceipt(request: Request, userId: string, ballotId: number): Promise<string> {
  return keptCookie.serialize((await readAll(request)).filter(([user, ballot]) => !(user === userId && ballot === ballotId)));
}

/** The receipt as first shown: groups of four. */
export function displayReceipt(receipt: string): string {
  return normaliseReceipt(receipt).match(/.{1,4}/g)!.join('-');
}
