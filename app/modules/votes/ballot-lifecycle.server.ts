// The scheduled moves of a ballot: open at opens_at; at closes_at close and seal the ledger, then publish the
// result (decisions for the winners). Each move is idempotent (a guarded UPDATE), so a repeated job, the
// sweeper and a late job all end in the same state.
import { and, eq, lte, sql as dsql } from 'drizzle-orm';
import { ballotCasts, ballotLedger, ballotParticipations, ballots, decisions, ideaCredits, ideas } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import { locales, type Locale, type MessageKey, type Params } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { notify, pushToMany } from '#app/modules/notifications/index.server';
import { buildChain, tallyChoices, type Tally } from './ledger';
import { countedWhole, ledgerCounts } from './ledger-count.server';
import { ballotQuestionsOf, shardTally, type Question } from './queries.server';
import { enqueueBallotOpened } from './jobs';

export async function openBallot(ballotId: number): Promise<string> {
  const opened = await db
    .update(ballots)
    .set({ status: 'open', updatedAt: new Date() })
    .where(and(eq(ballots.id, ballotId), eq(ballots.status, 'scheduled'), lte(ballots.opensAt, dsql`now()`)))
    .returning({ id: ballots.id });
  if (!opened.length) return `ballot ${ballotId}: nothing to open`;
  await enqueueBallotOpened(ballotId);
  return `ballot ${ballotId} opened`;
}

/**
 * Closes an open ballot whose time is up and seals its ledger in the same transaction: the casts ordered by
 * receipt hash (random, so the order reveals nothing), chained, inserted, the head stored; the tally counted
 * from the ledger must equal the live shards, else nothing is sealed (a bug, loudly).
 */
export async function closeBallot(ballotId: number): Promise<string> {
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(ballots)
      .set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(ballots.id, ballotId), eq(ballots.status, 'open'), lte(ballots.closesAt, dsql`now()`)))
      .returning({ id: ballots.id });
    if (!closed.length) return `ballot ${ballotId}: nothing to close`;
    const casts = await tx.select({ receiptHash: ballotCasts.receiptHash, choices: ballotCasts.choices }).from(ballotCasts).where(eq(ballotCasts.ballotId, ballotId));
    casts.sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0));
    const chain = buildChain(casts);
    for (let i = 0; i < chain.length; i += 1000) {
      await tx.insert(ballotLedger).values(
        chain.slice(i, i + 1000).map((e) => ({ ballotId, seq: e.seq, receiptHash: e.receipt_hash, choices: e.choices, prevHash: e.prev_hash, entryHash: e.entry_hash })),
      );
    }
    const [participants] = await tx.select({ n: dsql<number>`count(*)::int` }).from(ballotParticipations).where(eq(ballotParticipations.ballotId, ballotId));
    if (participants!.n !== chain.length) throw new Error(`ballot ${ballotId}: ${participants!.n} participations but ${chain.length} casts`);
    const fromLedger = tallyChoices(casts.map((c) => c.choices));
    const shards = await shardTally(ballotId, tx);
    const flat = Object.fromEntries(Object.values(fromLedger).flatMap((row) => Object.entries(row)));
    for (const option of new Set([...Object.keys(flat), ...Object.keys(shards)])) {
      if ((flat[option] ?? 0) !== (shards[option] ?? 0)) throw new Error(`ballot ${ballotId}: option ${option} has ${flat[option] ?? 0} in the ledger, ${shards[option] ?? 0} in the shards`);
    }
    await tx.update(ballots).set({ chainHead: chain.at(-1)?.entry_hash ?? null, entryCount: chain.length }).where(eq(ballots.id, ballotId));
    // The casts were written in the same transactions as the participations (same xmin): once sealed they go. The app
    // role cannot delete casts; this owner's function does, and only for a ballot whose ledger holds them all.
    await tx.execute(dsql`SELECT discard_sealed_casts(${ballotId})`);
    return `ballot ${ballotId} closed and sealed (${chain.length} entries)`;
  });
}

/** The final tally, counted from the sealed ledger by Postgres (no entry leaves the database). */
export async function ledgerTally(ballotId: number, tx: Tx | typeof db = db): Promise<Tally> {
  const rows = await tx.execute<{ question: string; option: string; votes: number }>(dsql`
    SELECT q.key AS question, o.option, count(*)::int AS votes
    FROM ${ballotLedger} l, jsonb_each(l.choices::jsonb) q,
      jsonb_array_elements_text(CASE WHEN jsonb_typeof(q.value) = 'array' THEN q.value ELSE '[]'::jsonb END) o(option)
    WHERE l.ballot_id = ${ballotId} GROUP BY 1, 2`);
  const tally: Tally = {};
  for (const r of rows) (tally[r.question] ??= {})[r.option] = r.votes;
  return tally;
}

export type QuestionOutcome = { winners: number[]; tied: number[] };

/**
 * What a question decided: single choice → the option with the most votes; multiple choice with at most k → the
 * top k. Options level on the last winning place, more of them than places are left, win nothing automatically:
 * they are `tied`, and the city decides between them (ADR 038); the options clearly above still win. An option
 * with no votes never wins.
 */
export function questionOutcome(question: Pick<Question, 'kind' | 'maxChoices'> & { options: { id: number }[] }, votes: Record<string, number>): QuestionOutcome {
  const counted = question.options.map((o) => ({ id: o.id, votes: votes[String(o.id)] ?? 0 })).filter((o) => o.votes > 0);
  counted.sort((a, b) => b.votes - a.votes);
  const k = question.kind === 'single' ? 1 : question.maxChoices;
  if (!counted.length) return { winners: [], tied: [] };
  const threshold = counted[Math.min(k, counted.length) - 1]!.votes;
  const reaching = counted.filter((o) => o.votes >= threshold);
  if (reaching.length <= k) return { winners: reaching.map((o) => o.id), tied: [] };
  return { winners: counted.filter((o) => o.votes > threshold).map((o) => o.id), tied: reaching.filter((o) => o.votes === threshold).map((o) => o.id) };
}

/** The options a question decided for, each becoming one decision (a tie for the last place decides none of its options). */
export const winners = (question: Parameters<typeof questionOutcome>[0], votes: Record<string, number>): number[] => questionOutcome(question, votes).winners;

export type VoterMail = { subject: MessageKey; body: MessageKey; params: Record<Locale, Params> };

/**
 * Notifies every person who voted in a ballot, in one statement per kind of row: in-app always; with `mail`,
 * also an outbox e-mail in each person's language to those who keep e-mails about votes (the cabinet's choice).
 * `{name}` in a body is filled in by Postgres. Returns the outbox ids to enqueue once the transaction commits, as a
 * broadcast (ADR 061).
 */
export async function notifyVoters(tx: Tx, ballotId: number, kind: string, params: Record<string, string | number>, link: string, mail?: VoterMail): Promise<number[]> {
  await tx.execute(dsql`INSERT INTO notifications (user_id, kind, params, link)
    SELECT user_id, ${kind}, ${JSON.stringify(params)}::jsonb, ${link} FROM ballot_participations WHERE ballot_id = ${ballotId}`);
  // Push to the voters who chose the topic "decisions they voted on" (ADR 049).
  const voters = dsql`SELECT user_id FROM ballot_participations WHERE ballot_id = ${ballotId}`;
  const ids = await pushToMany(tx, { people: voters, topic: 'decisions', kind: kind as MessageKey, params: { ru: params, en: params }, link });
  if (!mail) return ids;
  for (const locale of locales) {
    const t = translator(locale);
    const subject = t(mail.subject, mail.params[locale]);
    const body = t(mail.body, { ...mail.params[locale], name: '{name}' });
    const rows = await tx.execute<{ id: number }>(dsql`
      INSERT INTO email_outbox (user_id, to_address, subject, body_text, broadcast)
      SELECT u.id, u.email, ${subject}, replace(${body}, '{name}', u.name), true
      FROM ballot_participations p JOIN users u ON u.id = p.user_id
      WHERE p.ballot_id = ${ballotId} AND u.locale = ${locale} AND u.deleted_at IS NULL AND u.email IS NOT NULL AND NOT ('votes' = ANY (u.email_opt_out))
      RETURNING id::int AS id`);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/**
 * Publishes a closed ballot: a decision per winning option (an evaluation ballot has none), the winners' ideas
 * accepted and their authors told, and every voter told that the result is out.
 */
export async function publishBallot(ballotId: number): Promise<string> {
  // The winners' authors are told one by one; every voter is a broadcast, sent after them (ADR 061).
  const outbox: number[] = [];
  const toVoters: number[] = [];
  const message = await db.transaction(async (tx) => {
    const [ballot] = await tx.select().from(ballots).where(and(eq(ballots.id, ballotId), eq(ballots.status, 'closed'))).for('update');
    if (!ballot) return `ballot ${ballotId}: nothing to publish`;
    const tally = await ledgerTally(ballotId, tx);
    const questions = await ballotQuestionsOf(ballotId, tx);
    const counts = await ledgerCounts(ballotId, questions, tx);
    let created = 0;
    if (!ballot.evaluatesDecisionId) {
      for (const q of questions) {
        const elected = countedWhole(q) ? counts[q.id]!.winners : winners(q, tally[String(q.id)] ?? {});
        for (const optionId of elected) {
          const option = q.options.find((o) => o.id === optionId)!;
          // A funded project carries the amount allotted to it.
          const amount = q.kind === 'budget' ? { amount: option.cost, currency: q.currency } : {};
          const [decision] = await tx
            .insert(decisions)
            .values({ ballotId, optionId, ideaId: option.ideaId, titleRu: option.labelRu, titleEn: option.labelEn, ...amount })
            .onConflictDoNothing()
            .returning({ id: decisions.id });
          if (!decision) continue;
          created++;
          if (option.ideaId) {
            const [idea] = await tx.update(ideas).set({ status: 'accepted', updatedAt: new Date() }).where(eq(ideas.id, option.ideaId)).returning({ id: ideas.id, authorId: ideas.authorId, title: ideas.title });
            if (idea) {
              const credited = await tx.select({ userId: ideaCredits.userId }).from(ideaCredits).where(eq(ideaCredits.ideaId, idea.id));
              const people = new Set([idea.authorId, ...credited.map((c) => c.userId)].filter((x): x is string => !!x));
              for (const userId of people) {
                outbox.push(...(await notify(tx, { userId, kind: 'votes.notice.ideaAccepted', params: { title: idea.title }, link: `/ideas/${idea.id}`, email: { subject: 'votes.mail.ideaAcceptedSubject', body: 'votes.mail.ideaAcceptedBody' } })));
              }
            }
          }
        }
      }
    }
    await tx.update(ballots).set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() }).where(eq(ballots.id, ballotId));
    const url = `${appOrigin()}/votes/${ballotId}`;
    toVoters.push(
      ...(await notifyVoters(tx, ballotId, 'votes.notice.published', { ballot: ballotId }, `/votes/${ballotId}`, {
        subject: 'votes.mail.resultsSubject',
        body: 'votes.mail.resultsBody',
        params: { ru: { title: ballot.titleRu, url }, en: { title: ballot.titleEn, url } },
      })),
    );
    return `ballot ${ballotId} published (${created} decisions)`;
  });
  await enqueueEmailDelivery(outbox);
  await enqueueEmailDelivery(toVoters, { broadcast: true });
  return message;
}

/** The sweeper: every move whose time has come, from Postgres (repairs a job Redis lost or a worker missed). */
export async function sweepBallots(): Promise<string> {
  const due = await db
    .select({ id: ballots.id, status: ballots.status })
    .from(ballots)
    .where(
      dsql`(${ballots.status} = 'scheduled' AND ${ballots.opensAt} <= now()) OR (${ballots.status} = 'open' AND ${ballots.closesAt} <= now()) OR ${ballots.status} = 'closed'`,
    );
  const done: string[] = [];
  for (const b of due) done.push(...(await moveBallot(b.id)));
  return done.join('; ') || 'nothing due';
}

/** Every move due for one ballot, in order (a ballot whose open job was lost and whose close is due ends published). */
export async function moveBallot(ballotId: number): Promise<string[]> {
  const done = [await openBallot(ballotId), await closeBallot(ballotId), await publishBallot(ballotId)];
  return done.filter((m) => !m.includes('nothing'));
}

