// Voting at a centre (ADR 048): a consultant opens a booth session for a verified resident and one ballot; the
// centre's terminal shows that ballot to the resident alone. The cast is the votes tool's own, anonymous like any
// other, with channel 'centre' on the participation; one vote per person holds across channels because the
// participation's primary key decides, whatever the order.
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { boothSessions, ballots, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { castVote, getBallot, hasVoted, ineligibility, type CastErrors } from '#app/modules/votes/index.server';
import { residentRecord } from '#app/modules/accounts/index.server';
import { assistedRecord, type AtDesk } from './assist.server';

/** How long a booth session stays open if nobody casts. */
export const boothMinutes = 5;

export async function openBooth(at: AtDesk, userId: string, ballotId: number): Promise<Result<{ sessionId: string }, { userId?: MessageKey; ballotId?: MessageKey }>> {
  const [person, ballot] = await Promise.all([residentRecord(userId), getBallot(ballotId)]);
  if (!person || person.blockedAt) return { ok: false, errors: { userId: 'assist.noResident' } };
  if (!person.verified) return { ok: false, errors: { userId: 'assist.verifyFirst' } };
  const now = Date.now();
  if (!ballot || ballot.status !== 'open' || !ballot.opensAt || !ballot.closesAt || ballot.opensAt.getTime() > now || ballot.closesAt.getTime() <= now) return { ok: false, errors: { ballotId: 'votes.notOpen' } };
  const why = ineligibility(ballot, person);
  if (why) return { ok: false, errors: { userId: why } };
  if (await hasVoted(ballotId, userId)) return { ok: false, errors: { userId: 'votes.alreadyVoted' } };
  const opened = await db.transaction(async (tx) => {
    // A session that ran out without a cast is ended now, so the one-open-session index lets the next one in.
    await tx
      .update(boothSessions)
      .set({ endedAt: sql`now()`, endedBecause: 'lapsed' })
      .where(and(eq(boothSessions.residentId, userId), isNull(boothSessions.endedAt), lte(boothSessions.expiresAt, sql`now()`)));
    const [session] = await tx
      .insert(boothSessions)
      .values({ centreId: at.centreId, ballotId, residentId: userId, openedBy: at.consultantId, expiresAt: new Date(now + boothMinutes * 60_000) })
      .onConflictDoNothing()
      .returning({ id: boothSessions.id });
    if (!session) return null;
    await assistedRecord(at, 'booth', userId)(tx, session.id);
    return session.id;
  });
  return opened ? { ok: true, value: { sessionId: opened } } : { ok: false, errors: { userId: 'assist.boothAlreadyOpen' } };
}

/** A session still open (not ended, not run out) at this centre, with what the terminal shows. */
export async function openBoothSession(sessionId: string, centreId: number) {
  const [row] = await db
    .select({ id: boothSessions.id, ballotId: boothSessions.ballotId, residentId: boothSessions.residentId, expiresAt: boothSessions.expiresAt })
    .from(boothSessions)
    .where(and(eq(boothSessions.id, sessionId), eq(boothSessions.centreId, centreId), isNull(boothSessions.endedAt), gt(boothSessions.expiresAt, sql`now()`)));
  return row ?? null;
}

/** The centre a session belongs to (for the permission check before anything else is read). */
export async function centreOfBooth(sessionId: string): Promise<number | null> {
  const [row] = await db.select({ centreId: boothSessions.centreId }).from(boothSessions).where(eq(boothSessions.id, sessionId));
  return row?.centreId ?? null;
}

/**
 * The resident casts on the terminal. The session must still be open; the cast is castVote's, with channel
 * 'centre'; a cast (or a vote found already made on another channel) ends the session. Wrong answers leave it open.
 */
export async function castInBooth(sessionId: string, centreId: number, raw: Record<string, string[]>): Promise<Result<{ receipt: string; ballotId: number }, CastErrors>> {
  const session = await openBoothSession(sessionId, centreId);
  if (!session) return { ok: false, errors: { form: 'assist.boothEnded' } };
  const result = await castVote(session.residentId, session.ballotId, raw, 'centre');
  const voted = result.ok || result.errors.form === 'votes.alreadyVoted' || result.errors.form === 'votes.notOpen';
  if (voted) {
    const because = result.ok ? 'cast' : result.errors.form === 'votes.notOpen' ? 'closed' : 'already-voted';
    await db.update(boothSessions).set({ endedAt: sql`now()`, endedBecause: because }).where(and(eq(boothSessions.id, sessionId), isNull(boothSessions.endedAt)));
  }
  return result.ok ? { ok: true, value: { receipt: result.value.receipt, ballotId: session.ballotId } } : result;
}

/** The consultant ends a session by hand (the resident left). */
export async function closeBooth(at: AtDesk, sessionId: string): Promise<Result<null>> {
  const [row] = await db
    .update(boothSessions)
    .set({ endedAt: sql`now()`, endedBecause: 'closed' })
    .where(and(eq(boothSessions.id, sessionId), eq(boothSessions.centreId, at.centreId), isNull(boothSessions.endedAt)))
    .returning({ id: boothSessions.id });
  return row ? { ok: true, value: null } : { ok: false, errors: { sessionId: 'assist.boothEnded' } };
}

/** The centre's booth sessions of today as the desk sees them: who, which ballot, open or how it ended — never the choice. */
export async function boothSessionsAt(centreId: number) {
  return db
    .select({
      id: boothSessions.id,
      resident: users.name,
      ballotRu: ballots.titleRu,
      ballotEn: ballots.titleEn,
      expiresAt: boothSessions.expiresAt,
      endedAt: boothSessions.endedAt,
      endedBecause: boothSessions.endedBecause,
    })
    .from(boothSessions)
    .innerJoin(users, eq(users.id, boothSessions.residentId))
    .innerJoin(ballots, eq(ballots.id, boothSessions.ballotId))
    .where(and(eq(boothSessions.centreId, centreId), gt(boothSessions.createdAt, sql`now() - interval '1 day'`)))
    .orderBy(desc(boothSessions.createdAt))
    .limit(20);
}
