// The newer ballot kinds in the demo city, all past and published so their results pages explain a real count:
// a ranked ballot (Schulze), a majority-judgment ballot, and a district's participatory budget counted by equal shares
// beside another district's counted greedily. Built through the editor's use-cases, voted through the real cast by
// the demo's voters, closed and published through the real lifecycle. Seeds once.
import { and, eq, inArray, sql as dsql } from 'drizzle-orm';
import { ballotQuestions, ballots, districts, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeBallot, publishBallot } from '#app/modules/votes/ballot-lifecycle.server';
import { castVote } from '#app/modules/votes/cast-vote.server';
import { addOption, addQuestion, createBallot, saveBallotDetails, type QuestionInput } from '#app/modules/votes/edit-ballot.server';
import { getBallot } from '#app/modules/votes/queries.server';
import { DAY, rng } from './demo-time';

const random = rng(0xba11075);

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }, what: string): T {
  if (!result.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(result.errors)}`);
  return result.value;
}

type Spec = {
  titleRu: string;
  titleEn: string;
  descriptionRu: string;
  descriptionEn: string;
  district?: string;
  question: QuestionInput;
  options: { labelRu: string; labelEn: string; cost?: number }[];
};

/** A draft built as the admin would, then opened in the past (the seed casts into it) — the editor's rows, audited. */
async function build(adminId: string, spec: Spec, opensAt: Date): Promise<number> {
  // Open until the seed has cast its votes; voteAndPublish then moves the close back to when the story says.
  const closesAt = new Date(Date.now() + 3_600_000);
  // No points for these: a cast's credit is dated when it is made (now), and these ballots closed in the past, so a
  // credit would sit after its ballot's close (the votes seed dates its credits itself instead).
  const { id } = must(await createBallot(adminId, { titleRu: spec.titleRu, titleEn: spec.titleEn, descriptionRu: spec.descriptionRu, descriptionEn: spec.descriptionEn }), 'create ballot');
  const [district] = spec.district ? await db.select({ id: districts.id }).from(districts).where(eq(districts.code, spec.district)) : [];
  must(
    await saveBallotDetails(adminId, id, { ...spec, opensAt, closesAt, minAge: undefined, maxAge: undefined, verifiedOnly: true, hideResultsUntilClose: false, pointsReward: 0, districtIds: district ? [district.id] : [] }),
    'ballot details',
  );
  const { id: questionId } = must(await addQuestion(adminId, id, spec.question), 'question');
  for (const o of spec.options) must(await addOption(adminId, id, { questionId, labelRu: o.labelRu, labelEn: o.labelEn, cost: o.cost }, null), `option ${o.labelEn}`);
  await db.update(ballots).set({ status: 'open' }).where(eq(ballots.id, id));
  return id;
}

type Question = NonNullable<Awaited<ReturnType<typeof getBallot>>>['questions'][number];

async function voteAndPublish(ballotId: number, voters: string[], closesAt: Date, answer: (q: Question) => Record<string, string[]>) {
  const ballot = (await getBallot(ballotId))!;
  for (const userId of voters) must(await castVote(userId, ballotId, answer(ballot.questions[0]!)), `cast in ballot ${ballotId}`);
  await db.update(ballots).set({ closesAt }).where(eq(ballots.id, ballotId));
  const closed = await closeBallot(ballotId);
  if (!closed.includes('sealed')) throw new Error(`seed: ${closed}`);
  await publishBallot(ballotId);
  const published = new Date(closesAt.getTime() + 2 * 60_000);
  await db.update(ballots).set({ closedAt: new Date(closesAt.getTime() + 60_000), publishedAt: published, updatedAt: published }).where(eq(ballots.id, ballotId));
}

/** A weighted random order of the options (Plackett–Luce): heavier options tend to come first. */
function orderBy(weights: number[]): number[] {
  const left = weights.map((w, i) => ({ w, i }));
  const out: number[] = [];
  while (left.length) {
    let x = random() * left.reduce((s, o) => s + o.w, 0);
    const k = Math.max(0, left.findIndex((o) => (x -= o.w) < 0));
    out.push(left.splice(k === -1 ? left.length - 1 : k, 1)[0]!.i);
  }
  return out;
}

export async function seedDemoBallotKinds(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  const [done] = await db.select({ id: ballotQuestions.id }).from(ballotQuestions).where(dsql`${ballotQuestions.kind}::text IN ('ranked', 'graded', 'budget')`).limit(1);
  if (done) return 'already-seeded';
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.vmeste.city'));
  const voterRows = await db.select({ id: users.id, districtId: users.districtId }).from(users).where(and(dsql`${users.email} LIKE 'voter-%@demo.vmeste.city'`, eq(users.verified, true)));
  if (!admin || !voterRows.length) return 'not-yet';
  const now = Date.now();
  const opened = new Date(now - 40 * DAY);
  const closed = new Date(now - 33 * DAY);

  // Ranked, by the Schulze method.
  const streets = await build(admin.id, {
    titleRu: 'Какую улицу сделать пешеходной первой?',
    titleEn: 'Which street should be pedestrianised first?',
    descriptionRu: 'Расставьте улицы по порядку: считается методом Шульце.',
    descriptionEn: 'Put the streets in order: counted by the Schulze method.',
    question: { textRu: 'Ваш порядок улиц', textEn: 'Your order of the streets', kind: 'ranked', maxChoices: 1, rule: 'schulze' },
    options: [
      { labelRu: 'Садовая', labelEn: 'Sadovaya' },
      { labelRu: 'Набережная', labelEn: 'Embankment' },
      { labelRu: 'Купеческая', labelEn: 'Kupecheskaya' },
      { labelRu: 'Вокзальная', labelEn: 'Vokzalnaya' },
    ],
  }, opened);
  await voteAndPublish(streets, voterRows.slice(0, 90).map((v) => v.id), closed, (q) => {
    const order = orderBy([5, 4, 2, 1]).slice(0, 2 + Math.floor(random() * 3));
    return Object.fromEntries(order.map((i, rank) => [`q${q.id}.${q.options[i]!.id}`, [String(rank + 1)]]));
  });

  // Majority judgment on three designs.
  const designs = await build(admin.id, {
    titleRu: 'Оцените проекты набережной',
    titleEn: 'Grade the designs for the embankment',
    descriptionRu: 'Оцените каждый проект от «Отлично» до «Отвергаю»: побеждает лучшая мажоритарная оценка.',
    descriptionEn: 'Grade each design from Excellent to Reject: the best majority grade wins.',
    question: { textRu: 'Ваши оценки', textEn: 'Your grades', kind: 'graded', maxChoices: 1 },
    options: [
      { labelRu: 'Зелёный берег', labelEn: 'Green bank' },
      { labelRu: 'Каменная терраса', labelEn: 'Stone terrace' },
      { labelRu: 'Деревянный променад', labelEn: 'Wooden promenade' },
    ],
  }, opened);
  const leaning = [3.4, 2.6, 3.1];
  await voteAndPublish(designs, voterRows.slice(90, 170).map((v) => v.id), closed, (q) =>
    Object.fromEntries(q.options.map((o, i) => [`q${q.id}.${o.id}`, [String(Math.max(0, Math.min(5, Math.round(leaning[i]! + (random() + random() + random() - 1.5) * 2))))]])),
  );

  // Two districts' budgets: one counted by equal shares, one greedily; each resident votes in their own district's.
  const budgets = [
    { code: 'sadovy', rule: 'equal-shares' as const, ru: 'Садовый', en: 'Sadovy' },
    { code: 'zavodskoy', rule: 'greedy' as const, ru: 'Заводской', en: 'Zavodskoy' },
  ];
  const districtRows = await db.select({ id: districts.id, code: districts.code }).from(districts).where(inArray(districts.code, budgets.map((b) => b.code)));
  const projects = [
    { labelRu: 'Детская площадка у школы', labelEn: 'A playground by the school', cost: 1_400_000, weight: 6 },
    { labelRu: 'Скамейки и урны на бульваре', labelEn: 'Benches and bins on the boulevard', cost: 600_000, weight: 4 },
    { labelRu: 'Освещение в парке', labelEn: 'Lights in the park', cost: 1_000_000, weight: 5 },
    { labelRu: 'Велопарковки у метро', labelEn: 'Bicycle stands at the metro', cost: 300_000, weight: 2 },
    { labelRu: 'Сад на крыше библиотеки', labelEn: 'A roof garden on the library', cost: 1_200_000, weight: 3 },
  ];
  for (const b of budgets) {
    const districtId = districtRows.find((d) => d.code === b.code)!.id;
    const id = await build(admin.id, {
      titleRu: `Инициативный бюджет района ${b.ru}`,
      titleEn: `${b.en} district participatory budget`,
      descriptionRu: 'Как потратить 2,5 млн рублей района: соберите корзину проектов в пределах бюджета.',
      descriptionEn: 'How to spend the district’s 2.5 million roubles: fill a cart of projects within the budget.',
      district: b.code,
      question: { textRu: 'Проекты района', textEn: 'The district’s projects', kind: 'budget', maxChoices: 100, rule: b.rule, cart: 'knapsack', budget: 2_500_000, currency: 'RUB' },
      options: projects,
    }, opened);
    const residents = voterRows.filter((v) => v.districtId === districtId).map((v) => v.id);
    await voteAndPublish(id, residents, closed, (q) => {
      // A cart: projects in a weighted random order, each added while it still fits.
      let left = 2_500_000;
      const cart: number[] = [];
      for (const i of orderBy(projects.map((p) => p.weight))) {
        if (projects[i]!.cost > left || (cart.length > 0 && random() >= 0.7)) continue;
        left -= projects[i]!.cost;
        cart.push(q.options[i]!.id);
      }
      return { [`q${q.id}`]: cart.map(String) };
    });
  }
  return 'seeded';
}
