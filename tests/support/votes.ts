// Helpers for the Votes tests: residents made in bulk (real rows, one argon2 hash), and ballots made through
// the admin's own use-cases (create → details → questions → options → schedule).
import type { CountingRule } from '#app/modules/votes/count-question';
import { randomUUID } from 'node:crypto';
import { eq, sql as dsql } from 'drizzle-orm';
import { ballots, districts, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { addOption, addQuestion, createBallot, saveBallotDetails } from '#app/modules/votes/edit-ballot.server';
import { getBallot } from '#app/modules/votes/queries.server';
import { scheduleBallot } from '#app/modules/votes/schedule-ballot.server';
import { userIdByEmail } from './reports';

export const adminId = () => userIdByEmail('admin@demo.vmeste.city');

export async function districtIdByCode(code: string): Promise<number> {
  const [row] = await db.select({ id: districts.id }).from(districts).where(eq(districts.code, code));
  return row!.id;
}

/** n residents, verified unless told otherwise, in a district, born in a year. */
export async function makeResidents(n: number, opts: { verified?: boolean; district?: string; birthYear?: number } = {}): Promise<string[]> {
  const districtId = opts.district ? await districtIdByCode(opts.district) : null;
  const batch = randomUUID().slice(0, 8);
  const rows = Array.from({ length: n }, (_, i) => ({
    email: `voter-${batch}-${i}@test.vmeste.city`,
    name: `Voter ${i}`,
    districtId,
    birthYear: opts.birthYear ?? 1980,
    verified: opts.verified ?? true,
  }));
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(users).values(rows.slice(i, i + 500)).returning({ id: users.id })).map((r) => r.id));
  return out;
}

type Spec = {
  questions?: { kind: 'single' | 'multiple' | 'ranked' | 'graded' | 'budget'; maxChoices?: number; options: number; rule?: CountingRule; cart?: 'knapsack' | 'approval'; budget?: number; minSpend?: number; costs?: readonly number[] }[];
  opensInMs?: number;
  closesInMs?: number;
  districts?: string[];
  minAge?: number;
  maxAge?: number;
  verifiedOnly?: boolean;
  pointsReward?: number;
  hideResults?: boolean;
  schedule?: boolean;
};

/** A ballot built and scheduled through the admin's use-cases; opens at once unless opensInMs > 0. */
export async function makeBallot(spec: Spec = {}) {
  const admin = await adminId();
  const must = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  const { id } = must(await createBallot(admin, { titleRu: 'Тест', titleEn: `Test ballot ${randomUUID().slice(0, 6)}`, descriptionRu: 'Описание', descriptionEn: 'Description' }));
  const now = Date.now();
  must(
    await saveBallotDetails(admin, id, {
      titleRu: 'Тест',
      titleEn: `Test ballot ${id}`,
      descriptionRu: 'Описание',
      descriptionEn: 'Description',
      opensAt: new Date(now + (spec.opensInMs ?? -60_000)),
      closesAt: new Date(now + (spec.closesInMs ?? 3_600_000)),
      minAge: spec.minAge,
      maxAge: spec.maxAge,
      verifiedOnly: spec.verifiedOnly ?? true,
      hideResultsUntilClose: spec.hideResults ?? false,
      pointsReward: spec.pointsReward ?? 10,
      districtIds: await Promise.all((spec.districts ?? []).map(districtIdByCode)),
    }),
  );
  for (const [qi, q] of (spec.questions ?? [{ kind: 'single', options: 3 }]).entries()) {
    const budget = q.kind === 'budget' ? { cart: q.cart ?? 'knapsack', budget: q.budget ?? 1000, minSpend: q.minSpend ?? null, currency: 'RUB' } : {};
    const { id: questionId } = must(await addQuestion(admin, id, { textRu: `Вопрос ${qi + 1}`, textEn: `Question ${qi + 1}`, kind: q.kind, maxChoices: q.maxChoices ?? (q.kind === 'budget' ? 100 : 1), rule: q.rule, ...budget }));
    for (let o = 0; o < q.options; o++) must(await addOption(admin, id, { questionId, labelRu: `Ответ ${o + 1}`, labelEn: `Answer ${o + 1}`, cost: q.costs?.[o] }, null));
  }
  if (spec.schedule !== false) must(await scheduleBallot(admin, id));
  return (await getBallot(id))!;
}

/** Moves the closing time into the past (the close job or sweeper then does the rest). */
export async function closingTimeNow(ballotId: number) {
  await db.update(ballots).set({ closesAt: dsql`greatest(now() - interval '1 millisecond', ${ballots.opensAt} + interval '1 millisecond')` }).where(eq(ballots.id, ballotId));
}

/**
 * A published ballot whose ledger has `rows` entries shaped like the real chain (64-hex hashes; not a valid chain:
 * for exports and their memory, not for verification), made in the database in one statement. Deleting the ballot
 * deletes its ledger (the app role may not delete ledger rows itself).
 */
export async function publishedBallotWithLedger(rows: number, title: { ru: string; en: string }): Promise<number> {
  const [ballot] = await db.execute<{ id: number }>(dsql`
    INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at, published_at)
    VALUES (${title.ru}, ${title.en}, 'Проверка', 'Check', 'published', now() - interval '2 days', now() - interval '1 day', now()) RETURNING id`);
  await db.execute(dsql`
    INSERT INTO ballot_ledger (ballot_id, seq, receipt_hash, choices, prev_hash, entry_hash)
    SELECT ${ballot!.id}, g, md5('r' || g) || md5('s' || g), '{"1":[1]}', md5('p' || g) || md5('q' || g), md5('e' || g) || md5('f' || g)
    FROM generate_series(1, ${rows}::int) g`);
  return ballot!.id;
}
