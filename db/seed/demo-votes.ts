// The Votes tool's demo content: a few hundred verified residents who vote; a published ballot with its sealed
// ledger (in the open data catalogue), an open ballot with live results, a scheduled one, the "parks" shortlist
// ballot when the Ideas tool's project exists, a rewards catalogue, and decisions with implementation steps —
// one done and evaluated. Every vote goes through the real cast use-case; closing and publishing through the
// real lifecycle. Then the rows are moved back to when the story says they happened: the past ballots ran
// weeks ago (the parks one in its project's voting stage), each cast at its own moment inside its ballot's
// window, so the dashboards show votes over the last 90 days. Seeds once: a city seeded before the tool existed gains it.
import { and, eq, sql as dsql } from 'drizzle-orm';
import { ballotOptions, ballotQuestions, ballots, districts, ideas, projects, rewards, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/record-audit.server';
import { hashPassword } from '#app/modules/accounts/register-user.server';
import { closeBallot, publishBallot } from '#app/modules/votes/ballot-lifecycle.server';
import { castVote } from '#app/modules/votes/cast-vote.server';
import { getBallot } from '#app/modules/votes/queries.server';
import { addImplementationItem, completeDecision, postProgress } from '#app/modules/votes/track-decision.server';
import { demoPassword } from './demo-city';
import { activityAt, DAY, rng } from './demo-time';

const random = rng(2026);
// When people voted comes from its own generator, so who chose what (and so every result) stays the same.
const timing = rng(0x5107e);
const pickWeighted = (weights: number[]) => {
  let x = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
  return weights.length - 1;
};

type QuestionSpec = { textRu: string; textEn: string; kind: 'single' | 'multiple'; maxChoices: number; options: { labelRu: string; labelEn: string; ideaId?: number; weight: number }[] };
type BallotSpec = { titleRu: string; titleEn: string; descriptionRu: string; descriptionEn: string; projectId?: number; questions: QuestionSpec[] };

/** Inserts a ballot (as the admin, audited) already open, so the seed can cast into it. */
async function openBallotFor(adminId: string, spec: BallotSpec, opensAt: Date, closesAt: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [ballot] = await tx
      .insert(ballots)
      .values({
        titleRu: spec.titleRu,
        titleEn: spec.titleEn,
        descriptionRu: spec.descriptionRu,
        descriptionEn: spec.descriptionEn,
        status: 'open',
        opensAt,
        closesAt,
        pointsReward: 20,
        projectId: spec.projectId ?? null,
        createdBy: adminId,
        // Prepared a few days before it opened.
        createdAt: new Date(opensAt.getTime() - 3 * DAY),
        updatedAt: opensAt,
      })
      .returning({ id: ballots.id });
    for (const [qi, q] of spec.questions.entries()) {
      const [question] = await tx.insert(ballotQuestions).values({ ballotId: ballot!.id, position: qi + 1, textRu: q.textRu, textEn: q.textEn, kind: q.kind, maxChoices: q.maxChoices }).returning({ id: ballotQuestions.id });
      await tx.insert(ballotOptions).values(q.options.map((o, i) => ({ questionId: question!.id, position: i + 1, labelRu: o.labelRu, labelEn: o.labelEn, ideaId: o.ideaId ?? null })));
    }
    await recordAudit(tx, { actorId: adminId, action: 'ballot.create', targetType: 'ballot', targetId: ballot!.id, after: { title: spec.titleEn, by: 'seed' } });
    return ballot!.id;
  });
}

/**
 * Casts one ballot per voter through the real use-case, choosing by the spec's weights. A cast's points credit is
 * its only trace with a time (the ledger and the participations keep none), and the points ledger is append-only
 * (migration 0007): so the casts go in with the reward off, and the seed appends each credit itself, as the
 * use-case would, dated at a moment between `from` and `until`.
 */
async function castMany(ballotId: number, spec: BallotSpec, voters: string[], from: Date, until: Date) {
  const [{ reward } = { reward: 0 }] = await sql<{ reward: number }[]>`SELECT points_reward AS reward FROM ballots WHERE id = ${ballotId}`;
  await sql`UPDATE ballots SET points_reward = 0 WHERE id = ${ballotId}`;
  const ballot = (await getBallot(ballotId))!;
  for (const userId of voters) {
    const raw: Record<string, string[]> = {};
    ballot.questions.forEach((q, qi) => {
      const weights = spec.questions[qi]!.options.map((o) => o.weight);
      const picked = new Set<number>([pickWeighted(weights)]);
      if (q.kind === 'multiple') while (picked.size < q.maxChoices && random() < 0.6) picked.add(pickWeighted(weights));
      raw[`q${q.id}`] = [...picked].map((i) => String(q.options[i]!.id));
    });
    const result = await castVote(userId, ballotId, raw);
    if (!result.ok) throw new Error(`seed: cast in ballot ${ballotId} failed: ${JSON.stringify(result.errors)}`);
  }
  const castAt = voters.map((userId) => ({ user_id: userId, at: activityAt(timing, from.getTime(), until.getTime()) }));
  await sql.begin(async (tx) => {
    await tx`UPDATE ballots SET points_reward = ${reward} WHERE id = ${ballotId}`;
    if (reward > 0) {
      await tx`INSERT INTO points_ledger (user_id, delta, reason, ballot_id, created_at)
        SELECT v.user_id, ${reward}, 'ballot', ${ballotId}, v.at FROM jsonb_to_recordset(${JSON.stringify(castAt)}::jsonb) AS v(user_id uuid, at timestamptz)`;
    }
  });
}

/** A moment as postgres.js takes it here (drizzle's driver leaves dates to the caller). */
const iso = (at: Date | number) => new Date(at).toISOString();

/** The newest notice and e-mail ids: what a step writes after this mark can be moved back to when it happened. */
async function outboxMark(): Promise<{ n: number; o: number }> {
  const [mark] = await sql<{ n: number; o: number }[]>`SELECT (SELECT coalesce(max(id), 0) FROM notifications)::int AS n, (SELECT coalesce(max(id), 0) FROM email_outbox)::int AS o`;
  return mark!;
}
async function moveNoticesSince(mark: { n: number; o: number }, at: Date) {
  await sql`UPDATE notifications SET created_at = ${iso(at)} WHERE id > ${mark.n}`;
  await sql`UPDATE email_outbox SET created_at = ${iso(at)} WHERE id > ${mark.o}`;
}

/**
 * Ends a ballot at `closesAt`, in the past: closes it (sealing the ledger) and publishes it through the real
 * lifecycle, as the jobs would have a minute after it closed; then dates the ballot, its decisions, the accepted
 * ideas and the notices as of then. The ledger keeps no time, so it seals and verifies as any other.
 */
async function endAt(ballotId: number, closesAt: Date) {
  await db.update(ballots).set({ closesAt }).where(eq(ballots.id, ballotId));
  const mark = await outboxMark();
  const closed = await closeBallot(ballotId);
  if (!closed.includes('sealed')) throw new Error(`seed: ${closed}`);
  await publishBallot(ballotId);
  const published = closesAt.getTime() + 2 * 60_000;
  await sql.begin(async (tx) => {
    await tx`UPDATE ballots SET closed_at = ${iso(closesAt.getTime() + 60_000)}, published_at = ${iso(published)}, updated_at = ${iso(published)} WHERE id = ${ballotId}`;
    await tx`UPDATE decisions SET created_at = ${iso(published)}, updated_at = ${iso(published)} WHERE ballot_id = ${ballotId}`;
    await tx`UPDATE ideas SET updated_at = ${iso(published)} WHERE id IN (SELECT idea_id FROM decisions WHERE ballot_id = ${ballotId} AND idea_id IS NOT NULL)`;
  });
  await moveNoticesSince(mark, new Date(published));
}

export async function seedDemoVotes(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  const [seeded] = await db.select({ id: rewards.id }).from(rewards).limit(1);
  if (seeded) return 'already-seeded';
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.vmeste.city'));
  if (!admin) return 'not-yet';
  const adminId = admin.id;
  const now = Date.now();

  await db.insert(rewards).values([
    { titleRu: 'Билет в городской музей', titleEn: 'City museum ticket', descriptionRu: 'Один бесплатный вход в городской музей.', descriptionEn: 'One free visit to the city museum.', cost: 20 },
    { titleRu: 'Проездной на день', titleEn: 'Day transport pass', descriptionRu: 'Безлимитный проезд в городском транспорте на один день.', descriptionEn: 'Unlimited city transport for one day.', cost: 30 },
    { titleRu: 'Саженец для двора', titleEn: 'A tree for your yard', descriptionRu: 'Город высадит дерево во дворе вашего дома.', descriptionEn: 'The city plants a tree in your yard.', cost: 100 },
    { titleRu: 'Экскурсия в мэрию', titleEn: 'City hall tour', descriptionRu: 'Экскурсия по мэрии с рассказом о городском бюджете.', descriptionEn: 'A tour of city hall and how the budget works.', cost: 50 },
  ]);

  // A few hundred verified residents across the districts and ages (one password hash for all: the demo's).
  const districtIds = (await db.select({ id: districts.id }).from(districts)).map((d) => d.id);
  const passwordHash = await hashPassword(demoPassword);
  // Registered and verified before the first of the demo's ballots opened (80 days ago).
  const voterRows = Array.from({ length: 420 }, (_, i) => {
    const registered = now - (100 + timing() * 300) * DAY;
    return {
      email: `voter-${String(i + 1).padStart(3, '0')}@demo.vmeste.city`,
      name: `Житель ${i + 1}`,
      passwordHash,
      districtId: districtIds[Math.floor(random() * districtIds.length)]!,
      birthYear: 1940 + Math.floor(random() * 66),
      verified: true,
      verifiedBy: 'seed',
      verifiedAt: new Date(registered + (1 + timing() * 9) * DAY),
      createdAt: new Date(registered),
      updatedAt: new Date(registered),
    };
  });
  const voters = (await db.insert(users).values(voterRows).returning({ id: users.id })).map((u) => u.id);

  // 1. Published, with its sealed ledger: which public space first, and what to add to it.
  const spaces: BallotSpec = {
    titleRu: 'Какое общественное пространство обновить первым?',
    titleEn: 'Which public space should be renewed first?',
    descriptionRu: 'Бюджет следующего года позволяет обновить одно пространство и добавить в него до двух улучшений.',
    descriptionEn: "Next year's budget can renew one public space and add up to two improvements to it.",
    questions: [
      {
        textRu: 'Какое пространство обновить?',
        textEn: 'Which space should be renewed?',
        kind: 'single',
        maxChoices: 1,
        options: [
          { labelRu: 'Набережная Заречья', labelEn: 'Zarechye embankment', weight: 5 },
          { labelRu: 'Сквер у вокзала', labelEn: 'Station square', weight: 3 },
          { labelRu: 'Площадь Труда', labelEn: 'Labour Square', weight: 2 },
        ],
      },
      {
        textRu: 'Что добавить? (до двух)',
        textEn: 'What should be added? (up to two)',
        kind: 'multiple',
        maxChoices: 2,
        options: [
          { labelRu: 'Освещение', labelEn: 'Lighting', weight: 5 },
          { labelRu: 'Скамейки и тень', labelEn: 'Benches and shade', weight: 4 },
          { labelRu: 'Велодорожка', labelEn: 'Cycle lane', weight: 2 },
          { labelRu: 'Общественный туалет', labelEn: 'Public toilet', weight: 1 },
        ],
      },
    ],
  };
  // It ran for two weeks, from 80 to 66 days ago.
  const spacesOpened = new Date(now - 80 * DAY);
  const spacesClosed = new Date(now - 66 * DAY);
  const spacesId = await openBallotFor(adminId, spaces, spacesOpened, new Date(now + DAY));
  await castMany(spacesId, spaces, voters.slice(0, 320), spacesOpened, spacesClosed);
  await endAt(spacesId, spacesClosed);

  // Decisions of the published ballot: implementation steps, progress, and one done and evaluated.
  const [department] = await db.execute<{ id: number }>(dsql`SELECT id FROM departments ORDER BY id LIMIT 1`);
  const made = await db.execute<{ id: number; title_en: string }>(dsql`SELECT id, title_en FROM decisions WHERE ballot_id = ${spacesId} ORDER BY id`);
  // The steps were planned two days after the result, the progress reported 40 days ago.
  const planned = new Date(spacesClosed.getTime() + 2 * DAY);
  const reported = new Date(now - 40 * DAY);
  const beforeSteps = await outboxMark();
  for (const [i, decision] of made.entries()) {
    const item = await addImplementationItem(adminId, decision.id, { titleRu: 'Проект и смета', titleEn: 'Design and estimate', departmentId: department?.id, dueOn: new Date(now + 30 * DAY).toISOString().slice(0, 10) });
    if (!item.ok) throw new Error(`seed: implementation item: ${JSON.stringify(item.errors)}`);
    await addImplementationItem(adminId, decision.id, { titleRu: 'Работы на месте', titleEn: 'Works on site', departmentId: department?.id, dueOn: new Date(now + 120 * DAY).toISOString().slice(0, 10) });
    await postProgress(adminId, { itemId: item.value.id, text: i === 0 ? 'Проект готов, смета согласована.' : 'Идёт проектирование.', progress: i === 0 ? 100 : 40, status: i === 0 ? 'done' : 'in_progress' }, []);
  }
  const decisionIds = made.map((d) => d.id);
  await sql.begin(async (tx) => {
    await tx`UPDATE implementation_items SET created_at = ${iso(planned)}, updated_at = CASE WHEN progress > 0 THEN ${iso(reported)}::timestamptz ELSE ${iso(planned)}::timestamptz END WHERE decision_id = ANY(${decisionIds}::int[])`;
    await tx`UPDATE implementation_updates SET created_at = ${iso(reported)} WHERE item_id IN (SELECT id FROM implementation_items WHERE decision_id = ANY(${decisionIds}::int[]))`;
    await tx`UPDATE decisions SET updated_at = ${iso(reported)} WHERE id = ANY(${decisionIds}::int[])`;
    await tx`UPDATE notifications SET created_at = CASE WHEN kind = 'votes.notice.progress' THEN ${iso(reported)}::timestamptz ELSE ${iso(planned)}::timestamptz END WHERE id > ${beforeSteps.n}`;
  });
  // The lighting was done 28 days ago; its evaluation poll ran the two weeks after.
  const lighting = made.find((d) => d.title_en === 'Lighting');
  if (lighting) {
    const beforeDone = await outboxMark();
    const done = await completeDecision(adminId, lighting.id);
    if (done.ok) {
      const doneAt = new Date(now - 28 * DAY);
      const evaluationId = done.value.evaluationBallotId;
      await sql.begin(async (tx) => {
        await tx`UPDATE decisions SET done_at = ${iso(doneAt)}, updated_at = ${iso(doneAt)} WHERE id = ${lighting.id}`;
        await tx`UPDATE implementation_items SET updated_at = ${iso(doneAt)} WHERE decision_id = ${lighting.id}`;
        await tx`UPDATE ballots SET opens_at = ${iso(doneAt)}, created_at = ${iso(doneAt)}, updated_at = ${iso(doneAt)} WHERE id = ${evaluationId}`;
      });
      await moveNoticesSince(beforeDone, doneAt);
      const evaluation: BallotSpec = { ...spaces, questions: [{ textRu: '', textEn: '', kind: 'single', maxChoices: 1, options: [{ labelRu: '', labelEn: '', weight: 6 }, { labelRu: '', labelEn: '', weight: 3 }, { labelRu: '', labelEn: '', weight: 1 }] }] };
      const evaluationClosed = new Date(now - 14 * DAY);
      await castMany(evaluationId, evaluation, voters.slice(0, 90), doneAt, evaluationClosed);
      await endAt(evaluationId, evaluationClosed);
    }
  }

  // 2. Open, with live results: a new park's name (resident@ and newcomer@ have not voted).
  const park: BallotSpec = {
    titleRu: 'Как назвать новый парк на Садовой?',
    titleEn: 'What should the new park on Sadovaya be called?',
    descriptionRu: 'Парк откроется весной. Выберите название из предложенных жителями.',
    descriptionEn: 'The park opens in spring. Choose a name from those residents proposed.',
    questions: [
      {
        textRu: 'Название парка',
        textEn: 'Name of the park',
        kind: 'single',
        maxChoices: 1,
        options: [
          { labelRu: 'Парк Дружбы', labelEn: 'Friendship Park', weight: 3 },
          { labelRu: 'Яблоневый сад', labelEn: 'Apple Orchard', weight: 4 },
          { labelRu: 'Парк Учителей', labelEn: "Teachers' Park", weight: 2 },
        ],
      },
    ],
  };
  const parkOpened = new Date(now - 6 * DAY);
  const parkId = await openBallotFor(adminId, park, parkOpened, new Date(now + 7 * DAY));
  await castMany(parkId, park, voters.slice(320, 380), parkOpened, new Date(now - 10 * 60_000));

  // 3. Scheduled: opens in three days, for the southern districts' residents aged 18–35.
  const [scheduled] = await db
    .insert(ballots)
    .values({
      titleRu: 'Маршрут нового автобуса',
      titleEn: 'Route of the new bus line',
      descriptionRu: 'Где должен пройти новый автобусный маршрут?',
      descriptionEn: 'Where should the new bus line run?',
      status: 'scheduled',
      opensAt: new Date(now + 3 * DAY),
      closesAt: new Date(now + 10 * DAY),
      minAge: 18,
      maxAge: 35,
      createdBy: adminId,
    })
    .returning({ id: ballots.id });
  const [busQ] = await db.insert(ballotQuestions).values({ ballotId: scheduled!.id, position: 1, textRu: 'Маршрут', textEn: 'Route', kind: 'single', maxChoices: 1 }).returning({ id: ballotQuestions.id });
  await db.insert(ballotOptions).values([
    { questionId: busQ!.id, position: 1, labelRu: 'Через Заводской район', labelEn: 'Through Zavodskoy' },
    { questionId: busQ!.id, position: 2, labelRu: 'Через Садовый район', labelEn: 'Through Sadovy' },
  ]);
  await db.execute(dsql`INSERT INTO ballot_districts (ballot_id, district_id) SELECT ${scheduled!.id}, id FROM districts WHERE code IN ('sadovy', 'zavodskoy')`);
  const { scheduleBallotMoves } = await import('#app/modules/votes/jobs');
  await scheduleBallotMoves(scheduled!.id, new Date(now + 3 * DAY), new Date(now + 10 * DAY));

  // 4. The "parks" project's shortlist (seeded by the Ideas tool), voted and published: winners become accepted ideas.
  const [parks] = await db.select({ id: projects.id, titleRu: projects.titleRu, titleEn: projects.titleEn }).from(projects).where(eq(projects.slug, 'parks'));
  if (parks) {
    const shortlist = await db.select({ id: ideas.id, title: ideas.title }).from(ideas).where(and(eq(ideas.projectId, parks.id), eq(ideas.status, 'shortlisted'))).orderBy(ideas.id);
    if (shortlist.length >= 2) {
      const spec: BallotSpec = {
        titleRu: `Голосование: ${parks.titleRu}`,
        titleEn: `Vote: ${parks.titleEn}`,
        descriptionRu: 'Идеи из короткого списка проекта, оценённые экспертами.',
        descriptionEn: "The project's shortlisted ideas, assessed by experts.",
        projectId: parks.id,
        questions: [
          {
            textRu: 'Какие из этих идей город должен выполнить?',
            textEn: 'Which of these ideas should the city carry out?',
            kind: shortlist.length <= 2 ? 'single' : 'multiple',
            maxChoices: shortlist.length <= 2 ? 1 : Math.min(3, shortlist.length),
            options: shortlist.map((idea, i) => ({ labelRu: idea.title, labelEn: idea.title, ideaId: idea.id, weight: shortlist.length - i + 1 })),
          },
        ],
      };
      // In the project's voting stage: from 30 to 16 days ago.
      const parksOpened = new Date(now - 30 * DAY);
      const parksClosed = new Date(now - 16 * DAY);
      const parksBallot = await openBallotFor(adminId, spec, parksOpened, new Date(now + DAY));
      await castMany(parksBallot, spec, voters.slice(100, 340), parksOpened, parksClosed);
      await endAt(parksBallot, parksClosed);
    }
  }
  return 'seeded';
}
