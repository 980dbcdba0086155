// "A ballot opened in your district" (ADR 049): every resident who may vote in it is told in the app, by e-mail
// unless they turned e-mails about votes off, and by push if they chose the ballots topic. In batches, each its own
// short transaction, never a lock or a transaction held over a send (the outbox's jobs send after the commit).
import { and, eq, sql as dsql } from 'drizzle-orm';
import { ballotOpenBroadcasts, ballots } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import { locales } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { pushToMany } from '#app/modules/notifications/index.server';

export const ballotOpenedBatchSize = 500;

/** A batch of user ids as one Postgres array parameter (uuids hold no character an array literal must quote). */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** Who may vote in the ballot, as `ineligibility` (eligibility.ts) decides for one person, for all at once. */
const eligibleVoters = (ballotId: number) => dsql`
  SELECT u.id FROM users u, ballots b
  WHERE b.id = ${ballotId} AND u.deleted_at IS NULL AND u.blocked_at IS NULL
    AND (NOT b.verified_only OR u.verified)
    AND (NOT EXISTS (SELECT 1 FROM ballot_districts d WHERE d.ballot_id = b.id)
         OR u.district_id IN (SELECT d.district_id FROM ballot_districts d WHERE d.ballot_id = b.id))
    AND (b.min_age IS NULL OR (u.birth_year IS NOT NULL AND extract(year FROM now())::int - u.birth_year >= b.min_age))
    AND (b.max_age IS NULL OR (u.birth_year IS NOT NULL AND extract(year FROM now())::int - u.birth_year <= b.max_age))`;

/**
 * Tells the next batch of eligible residents after `after` (a user id, keyset order). Each person is told once,
 * whatever the retries: the batch's rows in ballot_open_notices decide who is new. Returns the outbox ids written
 * and where the next batch starts (null when this was the last).
 */
async function tellBatch(ballotId: number, after: string | null, size: number): Promise<{ outbox: number[]; next: string | null; told: number }> {
  return db.transaction(async (tx) => {
    const batch = await tx.execute<{ id: string }>(dsql`
      SELECT e.id FROM (${eligibleVoters(ballotId)}) e
      WHERE ${after === null ? dsql`true` : dsql`e.id > ${after}::uuid`} ORDER BY e.id LIMIT ${size}`);
    if (batch.length === 0) return { outbox: [], next: null, told: 0 };
    const ids = batch.map((r) => r.id);
    const told = await tx.execute<{ user_id: string }>(dsql`
      INSERT INTO ballot_open_notices (ballot_id, user_id) SELECT ${ballotId}, unnest(${uuidArray(ids)}::uuid[])
      ON CONFLICT DO NOTHING RETURNING user_id`);
    const newOnes = told.map((r) => r.user_id);
    const outbox: number[] = [];
    const url = `${appOrigin()}/votes/${ballotId}`;
    if (newOnes.length) {
      const people = dsql`SELECT unnest(${uuidArray(newOnes)}::uuid[])`;
      await tx.execute(dsql`
        INSERT INTO notifications (user_id, kind, params, link)
        SELECT u.id, 'votes.notice.ballotOpened', jsonb_build_object('title', CASE u.locale WHEN 'en' THEN b.title_en ELSE b.title_ru END), '/votes/' || b.id
        FROM users u, ballots b WHERE b.id = ${ballotId} AND u.id IN (${people})`);
      for (const locale of locales) {
        const t = translator(locale);
        // The person's name first, then the title: a title that reads "{name}" stays as it is.
        const title = locale === 'en' ? dsql`b.title_en` : dsql`b.title_ru`;
        const rows = await tx.execute<{ id: number }>(dsql`
          INSERT INTO email_outbox (user_id, to_address, subject, body_text, broadcast)
          SELECT u.id, u.email, replace(${t('votes.mail.ballotOpenedSubject', { title: '{title}' })}, '{title}', ${title}),
                 replace(replace(${t('votes.mail.ballotOpenedBody', { title: '{title}', name: '{name}', url })}, '{name}', u.name), '{title}', ${title}), true
          FROM users u, ballots b
          WHERE b.id = ${ballotId} AND u.id IN (${people}) AND u.locale = ${locale} AND u.email IS NOT NULL AND NOT ('votes' = ANY (u.email_opt_out))
          RETURNING id::int AS id`);
        outbox.push(...rows.map((r) => r.id));
      }
      const [ballot] = await tx.select({ titleRu: ballots.titleRu, titleEn: ballots.titleEn }).from(ballots).where(eq(ballots.id, ballotId));
      outbox.push(...(await pushToMany(tx, { people, topic: 'ballots', kind: 'votes.notice.ballotOpened', params: { ru: { title: ballot!.titleRu }, en: { title: ballot!.titleEn } }, link: `/votes/${ballotId}` })));
    }
    return { outbox, next: batch.length < size ? null : ids.at(-1)!, told: newOnes.length };
  });
}

/**
 * The ballot-opened job's work: every batch in turn, each committed before its messages are handed to the outbox's
 * queue; then the ballot is marked told, so the sweeper stops asking. Idempotent: a second run tells nobody again.
 */
export async function tellBallotOpened(ballotId: number, { batchSize = ballotOpenedBatchSize } = {}): Promise<string> {
  const [ballot] = await db.select({ status: ballots.status }).from(ballots).where(eq(ballots.id, ballotId));
  if (!ballot) return `ballot ${ballotId}: gone`;
  if (ballot.status !== 'open') return `ballot ${ballotId}: not open`;
  const [done] = await db.select().from(ballotOpenBroadcasts).where(eq(ballotOpenBroadcasts.ballotId, ballotId));
  if (done) return `ballot ${ballotId}: already told`;
  let after: string | null = null;
  let told = 0;
  do {
    const batch = await tellBatch(ballotId, after, batchSize);
    await enqueueEmailDelivery(batch.outbox, { broadcast: true });
    told += batch.told;
    after = batch.next;
  } while (after !== null);
  await db.insert(ballotOpenBroadcasts).values({ ballotId }).onConflictDoNothing();
  return `ballot ${ballotId}: ${told} told`;
}

/** Open ballots whose residents were not all told yet (Redis lost the job, or a worker died): the sweeper's repair. */
export async function ballotsToTell(): Promise<number[]> {
  const rows = await db
    .select({ id: ballots.id })
    .from(ballots)
    .leftJoin(ballotOpenBroadcasts, eq(ballotOpenBroadcasts.ballotId, ballots.id))
    .where(and(eq(ballots.status, 'open'), dsql`${ballotOpenBroadcasts.ballotId} IS NULL`));
  return rows.map((r) => r.id);
}
