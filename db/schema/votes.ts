import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { participationChannel, timestamps } from './columns';
import { users } from './accounts';
import { departments, districts } from './city';
import { ideas, projects } from './ideas';
import { reports } from './reports';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** draft → scheduled → open → closed → published; scheduled moves happen in a BullMQ job, repaired by a sweeper. */
export const ballotStatus = pgEnum('ballot_status', ['draft', 'scheduled', 'open', 'closed', 'published']);
/** single/multiple: plurality; ranked: an order of the options; graded: a grade for each (majority judgment); budget: a cart of costed projects. */
export const questionKind = pgEnum('question_kind', ['single', 'multiple', 'ranked', 'graded', 'budget']);
/** How a question is counted, chosen per question for the kinds that have more than one rule. */
export const countingRules = ['plurality', 'schulze', 'instant-runoff', 'majority-judgment', 'greedy', 'equal-shares'] as const;
export type CountingRule = (typeof countingRules)[number];

export const ballots = pgTable(
  'ballots',
  {
    id: serial().primaryKey(),
    titleRu: text().notNull(),
    titleEn: text().notNull(),
    descriptionRu: text().notNull(),
    descriptionEn: text().notNull(),
    status: ballotStatus().notNull().default('draft'),
    opensAt: timestamp({ withTimezone: true }),
    closesAt: timestamp({ withTimezone: true }),
    // Audience: districts in ballot_districts (none = whole city), an optional age range, verified residents only.
    minAge: smallint(),
    maxAge: smallint(),
    verifiedOnly: boolean().notNull().default(true),
    // Live results are shown while open unless the admin hides them until the close.
    hideResultsUntilClose: boolean().notNull().default(false),
    pointsReward: integer().notNull().default(10),
    // Where it came from: a project's shortlist, an evaluation of a decision, or standalone (both null).
    projectId: integer().references(() => projects.id, { onDelete: 'set null' }),
    evaluatesDecisionId: integer(),
    // Set when the ledger is sealed at close: the last entry_hash and the number of entries.
    chainHead: text(),
    entryCount: integer(),
    closedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    check('ballots_dates', sql`${t.opensAt} IS NULL OR ${t.closesAt} IS NULL OR ${t.opensAt} < ${t.closesAt}`),
    check('ballots_scheduled_has_dates', sql`${t.status} = 'draft' OR (${t.opensAt} IS NOT NULL AND ${t.closesAt} IS NOT NULL)`),
    check('ballots_age_range', sql`${t.minAge} IS NULL OR ${t.maxAge} IS NULL OR ${t.minAge} <= ${t.maxAge}`),
    index('ballots_status_idx').on(t.status, t.closesAt),
    index('ballots_project_idx').on(t.projectId).where(sql`${t.projectId} IS NOT NULL`),
    index('ballots_created_by_idx').on(t.createdBy).where(sql`${t.createdBy} IS NOT NULL`),
  ],
);

export const ballotDistricts = pgTable(
  'ballot_districts',
  {
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    districtId: integer().notNull().references(() => districts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.districtId] }), index('ballot_districts_district_idx').on(t.districtId)],
);

export const ballotQuestions = pgTable(
  'ballot_questions',
  {
    id: serial().primaryKey(),
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    textRu: text().notNull(),
    textEn: text().notNull(),
    kind: questionKind().notNull().default('single'),
    maxChoices: smallint().notNull().default(1),
    rule: text().$type<CountingRule>().notNull().default('plurality'),
    // A budget question: a knapsack cart (its total within the budget) or approval of up to max_choices projects; the
    // amount to spend (whole currency units), its currency and the least a knapsack cart must spend.
    cart: text().$type<'knapsack' | 'approval'>(),
    budget: bigint({ mode: 'number' }),
    minSpend: bigint({ mode: 'number' }),
    currency: text(),
  },
  (t) => [
    uniqueIndex('ballot_questions_position').on(t.ballotId, t.position),
    // Compared as text: a value added to the enum cannot be used as one in the migration that adds it.
    check('ballot_questions_max', sql`${t.maxChoices} >= 1 AND (${t.kind}::text IN ('multiple', 'budget') OR ${t.maxChoices} = 1)`),
    check(
      'ballot_questions_rule',
      sql`(${t.kind}::text IN ('single', 'multiple') AND ${t.rule} = 'plurality') OR (${t.kind}::text = 'ranked' AND ${t.rule} IN ('schulze', 'instant-runoff')) OR (${t.kind}::text = 'graded' AND ${t.rule} = 'majority-judgment') OR (${t.kind}::text = 'budget' AND ${t.rule} IN ('greedy', 'equal-shares'))`,
    ),
    check('ballot_questions_budget', sql`(${t.kind}::text = 'budget') = (${t.budget} IS NOT NULL AND ${t.currency} IS NOT NULL AND ${t.cart} IN ('knapsack', 'approval')) AND (${t.budget} IS NULL OR ${t.budget} > 0) AND (${t.minSpend} IS NULL OR (${t.minSpend} >= 0 AND ${t.minSpend} <= ${t.budget}))`),
  ],
);

export const ballotOptions = pgTable(
  'ballot_options',
  {
    id: serial().primaryKey(),
    questionId: integer().notNull().references(() => ballotQuestions.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    labelRu: text().notNull(),
    labelEn: text().notNull(),
    // An option made from a shortlisted idea links back to it.
    ideaId: bigint({ mode: 'number' }).references(() => ideas.id, { onDelete: 'set null' }),
    imageMimeType: text(),
    // The picture's bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 058): at most one.
    image: bytea(),
    imageStorageKey: text(),
    // A project on a budget question: what it costs, in the question's currency.
    cost: bigint({ mode: 'number' }),
  },
  (t) => [
    uniqueIndex('ballot_options_position').on(t.questionId, t.position),
    index('ballot_options_idea_idx').on(t.ideaId),
    index('ballot_options_image_storage_key_idx').on(t.imageStorageKey).where(sql`${t.imageStorageKey} IS NOT NULL`),
    check('ballot_options_cost', sql`${t.cost} IS NULL OR ${t.cost} > 0`),
    check('ballot_options_image_in_one_place', sql`${t.image} IS NULL OR ${t.imageStorageKey} IS NULL`),
  ],
);

/**
 * Who voted (never what): one row per person per ballot, unique. No sequence number and no time, so it cannot be
 * joined to the ledger's order; district and age band are kept for the published turnout.
 */
export const ballotParticipations = pgTable(
  'ballot_participations',
  {
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    districtId: integer().references(() => districts.id, { onDelete: 'set null' }),
    ageBand: text().notNull(),
    // Where the person voted (ADR 048): kept with who, never with what.
    channel: participationChannel().notNull().default('web'),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.userId] }), index('ballot_participations_user_idx').on(t.userId), index('ballot_participations_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`)],
);

/**
 * What was chosen (never who): written in the same transaction as the participation. Keyed by the receipt's
 * hash, not by a serial, so the row order tells nothing; the chain is built from these at close.
 */
export const ballotCasts = pgTable(
  'ballot_casts',
  {
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    receiptHash: text().notNull(),
    // Canonical choices: { "<questionId>": answer }, see Answer in app/modules/votes/ledger.ts.
    choices: jsonb().$type<Record<string, number[] | { ranking: number[] } | { grades: Record<string, number> }>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.receiptHash] })],
);

/**
 * The sealed, published ledger: entry_hash = SHA-256(prev_hash || seq || receipt_hash || canonical choices).
 * Insert-only for the app role (migration grants), written once when the ballot closes.
 */
export const ballotLedger = pgTable(
  'ballot_ledger',
  {
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    receiptHash: text().notNull(),
    choices: text().notNull(),
    prevHash: text().notNull(),
    entryHash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.seq] }), uniqueIndex('ballot_ledger_receipt').on(t.ballotId, t.receiptHash)],
);

/** Live tally spread over shards so thousands of casts a second do not queue on one counter row. */
export const ballotTallyShards = pgTable(
  'ballot_tally_shards',
  {
    optionId: integer().notNull().references(() => ballotOptions.id, { onDelete: 'cascade' }),
    shard: smallint().notNull(),
    votes: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.shard] })],
);

/** Points: append-only (balance = sum of delta); a participation credit is unique per ballot, idea or report. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    delta: integer().notNull(),
    reason: text().$type<'ballot' | 'reward' | 'idea' | 'report' | 'survey'>().notNull(),
    ballotId: integer().references(() => ballots.id, { onDelete: 'set null' }),
    ideaId: bigint({ mode: 'number' }).references(() => ideas.id, { onDelete: 'set null' }),
    reportId: bigint({ mode: 'number' }).references(() => reports.id, { onDelete: 'set null' }),
    rewardId: integer(),
    // A survey answered (the Surveys tool sits above Votes, so no foreign key from here).
    surveyId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('points_ledger_user_idx').on(t.userId, t.createdAt),
    index('points_ledger_created_brin').using('brin', t.createdAt),
    index('points_ledger_ballot_idx').on(t.ballotId).where(sql`${t.ballotId} IS NOT NULL`),
    uniqueIndex('points_ledger_ballot_once').on(t.userId, t.ballotId).where(sql`${t.reason} = 'ballot'`),
    uniqueIndex('points_ledger_idea_once').on(t.ideaId).where(sql`${t.ideaId} IS NOT NULL`),
    uniqueIndex('points_ledger_survey_once').on(t.userId, t.surveyId).where(sql`${t.reason} = 'survey'`),
    uniqueIndex('points_ledger_report_once').on(t.reportId).where(sql`${t.reportId} IS NOT NULL`),
    check('points_ledger_nonzero', sql`${t.delta} <> 0`),
  ],
);

/** What points can be spent on (the demo seed has a small catalogue). */
export const rewards = pgTable('rewards', {
  id: serial().primaryKey(),
  titleRu: text().notNull(),
  titleEn: text().notNull(),
  descriptionRu: text().notNull(),
  descriptionEn: text().notNull(),
  cost: integer().notNull(),
  active: boolean().notNull().default(true),
  ...timestamps,
}, (t) => [check('rewards_cost_positive', sql`${t.cost} > 0`)]);

export const decisionStatus = pgEnum('decision_status', ['planned', 'in_progress', 'done']);

/** A winning option of a published ballot, tracked until done and then evaluated by residents. */
export const decisions = pgTable(
  'decisions',
  {
    id: serial().primaryKey(),
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    optionId: integer().notNull().references(() => ballotOptions.id, { onDelete: 'cascade' }).unique(),
    ideaId: bigint({ mode: 'number' }).references(() => ideas.id, { onDelete: 'set null' }),
    titleRu: text().notNull(),
    titleEn: text().notNull(),
    status: decisionStatus().notNull().default('planned'),
    // A funded project of a participatory budget: the amount allotted, in the currency of its ballot question.
    amount: bigint({ mode: 'number' }),
    currency: text(),
    // What has been spent on it so far, in the same currency, set with the progress updates; only beside an amount.
    amountSpent: bigint({ mode: 'number' }),
    evaluationBallotId: integer().references(() => ballots.id, { onDelete: 'set null' }),
    doneAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('decisions_ballot_idx').on(t.ballotId),
    index('decisions_idea_idx').on(t.ideaId),
    index('decisions_evaluation_idx').on(t.evaluationBallotId),
    check('decisions_amount_spent', sql`${t.amountSpent} IS NULL OR (${t.amountSpent} >= 0 AND ${t.amount} IS NOT NULL)`),
  ],
);

export const implementationItems = pgTable(
  'implementation_items',
  {
    id: serial().primaryKey(),
    decisionId: integer().notNull().references(() => decisions.id, { onDelete: 'cascade' }),
    titleRu: text().notNull(),
    titleEn: text().notNull(),
    departmentId: integer().references(() => departments.id, { onDelete: 'set null' }),
    dueOn: date({ mode: 'string' }),
    status: decisionStatus().notNull().default('planned'),
    progress: smallint().notNull().default(0),
    ...timestamps,
  },
  (t) => [index('implementation_items_decision_idx').on(t.decisionId), index('implementation_items_department_idx').on(t.departmentId), check('implementation_items_progress', sql`${t.progress} BETWEEN 0 AND 100`)],
);

export const implementationUpdates = pgTable(
  'implementation_updates',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    itemId: integer().notNull().references(() => implementationItems.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    text: text().notNull(),
    progress: smallint().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('implementation_updates_item_idx').on(t.itemId, t.createdAt), index('implementation_updates_author_idx').on(t.authorId).where(sql`${t.authorId} IS NOT NULL`)],
);

export const implementationPhotos = pgTable(
  'implementation_photos',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    updateId: bigint({ mode: 'number' }).notNull().references(() => implementationUpdates.id, { onDelete: 'cascade' }),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    // The bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 051): one of the two.
    data: bytea(),
    storageKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('implementation_photos_update_idx').on(t.updateId),
    index('implementation_photos_storage_key_idx').on(t.storageKey).where(sql`${t.storageKey} IS NOT NULL`),
    check('implementation_photos_bytes_somewhere', sql`(${t.data} IS NULL) <> (${t.storageKey} IS NULL)`),
  ],
);

/**
 * Who was told that a ballot opened (ADR 049): the batched job inserts a batch here and notifies only the rows it
 * inserted, so a retried or repeated job tells nobody twice; `ballot_open_broadcasts` marks a ballot whose telling ended.
 */
export const ballotOpenNotices = pgTable(
  'ballot_open_notices',
  {
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.userId] }), index('ballot_open_notices_user_idx').on(t.userId)],
);

export const ballotOpenBroadcasts = pgTable('ballot_open_broadcasts', {
  ballotId: integer().primaryKey().references(() => ballots.id, { onDelete: 'cascade' }),
  finishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
