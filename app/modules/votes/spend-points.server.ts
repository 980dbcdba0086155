import { and, eq, sql as dsql } from 'drizzle-orm';
import { pointsLedger, rewards, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { pointsBalance } from './queries.server';

/**
 * Spends points on a reward. The person's users row is locked first, so two spends of the same person run one
 * after the other and the second sees the first's debit: the balance (the sum of the ledger) never goes negative.
 */
export async function spendPoints(userId: string, rewardId: number): Promise<Result<{ balance: number; reward: string }>> {
  return db.transaction(async (tx): Promise<Result<{ balance: number; reward: string }>> => {
    const [reward] = await tx.select().from(rewards).where(and(eq(rewards.id, rewardId), eq(rewards.active, true)));
    if (!reward) return { ok: false, errors: { rewardId: 'errors.choice' } };
    await tx.execute(dsql`SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} FOR UPDATE`);
    const balance = await pointsBalance(userId, tx);
    if (balance < reward.cost) return { ok: false, errors: { rewardId: 'votes.notEnoughPoints' } };
    await tx.insert(pointsLedger).values({ userId, delta: -reward.cost, reason: 'reward', rewardId });
    return { ok: true, value: { balance: balance - reward.cost, reward: reward.titleEn } };
  });
}
