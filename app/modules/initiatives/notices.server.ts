// The notices to an initiative's author and every supporter (ADR 060). The move (a milestone, the threshold, the
// deadline, the experts' decision) writes one row in its own transaction, however many supporters there are; the
// `initiative-notices` job then tells them in batches, each its own short transaction, as "a ballot opened" does.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { initiativeNotices, type initiativeNoticeKinds } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import type { MessageKey } from '#app/utils/i18n';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { notify } from '#app/modules/notifications/index.server';

export type InitiativeNoticeKind = (typeof initiativeNoticeKinds)[number];

export const initiativeNoticeBatchSize = 200;

const texts: Record<InitiativeNoticeKind, { kind: MessageKey; subject: MessageKey; body: MessageKey }> = {
  progress: { kind: 'initiatives.notice.progress', subject: 'initiatives.email.progress.subject', body: 'initiatives.email.progress.body' },
  reached: { kind: 'initiatives.notice.reached', subject: 'initiatives.email.reached.subject', body: 'initiatives.email.reached.body' },
  expired: { kind: 'initiatives.notice.expired', subject: 'initiatives.email.expired.subject', body: 'initiatives.email.expired.body' },
  answered: { kind: 'initiatives.notice.answered', subject: 'initiatives.email.answered.subject', body: 'initiatives.email.answered.body' },
  voting: { kind: 'initiatives.notice.voting', subject: 'initiatives.email.voting.subject', body: 'initiatives.email.voting.body' },
};

/**
 * Records, in the move's transaction, that the author and every supporter are to be told; returns the notice's id
 * for enqueueInitiativeNotice once the transaction has committed.
 */
export async function recordInitiativeNotice(tx: Tx, initiativeId: number, kind: InitiativeNoticeKind, params: Record<string, string | number>): Promise<number> {
  const [row] = await tx.insert(initiativeNotices).values({ initiativeId, kind, params }).returning({ id: initiativeNotices.id });
  return row!.id;
}

/**
 * The next batch of people after the last one told, under the notice's row lock (a second worker on the same notice
 * waits, then starts where this one ended). The people: the author and those who supported before the move (each
 * once, in id order). Returns the outbox ids to hand to the e-mail queue after the commit.
 */
async function tellBatch(noticeId: number, size: number): Promise<{ outbox: number[]; told: number; finished: boolean }> {
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(initiativeNotices).where(eq(initiativeNotices.id, noticeId)).for('update');
    if (!notice || notice.finishedAt) return { outbox: [], told: 0, finished: true };
    const people = await tx.execute<{ id: string }>(sql`
      SELECT p.id FROM (
        SELECT author_id AS id FROM initiatives WHERE id = ${notice.initiativeId} AND author_id IS NOT NULL
        UNION
        SELECT user_id FROM initiative_supports
        WHERE initiative_id = ${notice.initiativeId} AND created_at <= (SELECT created_at FROM initiative_notices WHERE id = ${noticeId})
      ) p
      WHERE ${notice.toldThrough === null ? sql`true` : sql`p.id > ${notice.toldThrough}::uuid`}
      ORDER BY p.id LIMIT ${size}`);
    const text = texts[notice.kind];
    const outbox: number[] = [];
    for (const { id: userId } of people) {
      outbox.push(...(await notify(tx, { userId, kind: text.kind, params: notice.params, link: `/initiatives/${notice.initiativeId}`, email: { subject: text.subject, body: text.body }, broadcast: true })));
    }
    const finished = people.length < size;
    await tx
      .update(initiativeNotices)
      .set({ toldThrough: people.at(-1)?.id ?? notice.toldThrough, ...(finished ? { finishedAt: new Date() } : {}) })
      .where(eq(initiativeNotices.id, noticeId));
    return { outbox, told: people.length, finished };
  });
}

/** The job's work: every batch in turn, each committed before its e-mails are queued. A finished notice tells nobody. */
export async function tellInitiativeNotice(noticeId: number, { batchSize = initiativeNoticeBatchSize } = {}): Promise<string> {
  let told = 0;
  for (;;) {
    const batch = await tellBatch(noticeId, batchSize);
    await enqueueEmailDelivery(batch.outbox, { broadcast: true });
    told += batch.told;
    if (batch.finished) return `notice ${noticeId}: ${told} told`;
  }
}

/** Notices not everybody has heard yet (Redis lost the job, or a worker died mid-way): the sweeper's repair. */
export async function unfinishedInitiativeNotices(limit = 500): Promise<number[]> {
  const rows = await db.select({ id: initiativeNotices.id }).from(initiativeNotices).where(isNull(initiativeNotices.finishedAt)).orderBy(asc(initiativeNotices.id)).limit(limit);
  return rows.map((r) => r.id);
}
