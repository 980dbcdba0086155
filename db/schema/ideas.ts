import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { participationChannel, timestamps } from './columns';
import { users } from './accounts';
import { districts } from './city';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A project's life; the stage decides what residents may do (ideas while collecting, supports until reviewing ends...). */
export const projectStage = pgEnum('project_stage', ['collecting', 'reviewing', 'voting', 'results', 'implementing', 'done']);

/** A crowdsourcing project on one theme ("Our clinics"). Moderators and experts are role_grants scoped to it. */
export const projects = pgTable('projects', {
  id: serial().primaryKey(),
  slug: text().notNull().unique(),
  titleRu: text().notNull(),
  titleEn: text().notNull(),
  descriptionRu: text().notNull(),
  descriptionEn: text().notNull(),
  coverMimeType: text(),
  // The cover's bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 058): at most one.
  coverImage: bytea(),
  coverStorageKey: text(),
  stage: projectStage().notNull().default('collecting'),
  // A participatory budget: the amount for city-wide ideas (whole currency units) and its currency; null = not a budget.
  budget: bigint({ mode: 'number' }),
  currency: text(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
}, (t) => [
  index('projects_created_by_idx').on(t.createdBy).where(sql`${t.createdBy} IS NOT NULL`),
  index('projects_cover_storage_key_idx').on(t.coverStorageKey).where(sql`${t.coverStorageKey} IS NOT NULL`),
  check('projects_cover_in_one_place', sql`${t.coverImage} IS NULL OR ${t.coverStorageKey} IS NULL`),
  check('projects_budget', sql`(${t.budget} IS NULL OR (${t.budget} > 0 AND ${t.currency} IS NOT NULL)) AND (${t.currency} IS NULL OR ${t.currency} ~ '^[A-Z]{3}$')`),
]);

/** The planned dates of each stage (the timeline on the project page). */
export const projectStages = pgTable(
  'project_stages',
  {
    projectId: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    stage: projectStage().notNull(),
    startsOn: timestamp({ withTimezone: true }).notNull(),
    endsOn: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.stage] }), check('project_stages_order', sql`${t.startsOn} <= ${t.endsOn}`)],
);

/** The districts a project is for; none means the whole city. */
export const projectDistricts = pgTable(
  'project_districts',
  {
    projectId: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    districtId: integer().notNull().references(() => districts.id, { onDelete: 'cascade' }),
    // A budget project's amount for this district's own ideas (a ballot of its own); null = no district budget.
    budget: bigint({ mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.districtId] }), index('project_districts_district_idx').on(t.districtId), check('project_districts_budget', sql`${t.budget} IS NULL OR ${t.budget} > 0`)],
);

/** The experts' verdict on a budget idea: only a feasible one, with its cost, may be shortlisted. */
export const ideaFeasibility = pgEnum('idea_feasibility', ['feasible', 'infeasible']);

export const ideaStatus = pgEnum('idea_status', ['published', 'hidden', 'merged', 'shortlisted', 'accepted', 'rejected']);

export const ideas = pgTable(
  'ideas',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    body: text().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    status: ideaStatus().notNull().default('published'),
    mergedIntoId: bigint({ mode: 'number' }).references((): never => ideas.id as never, { onDelete: 'set null' }),
    hiddenReason: text(),
    // Kept by the use-cases in the same transaction as the supports/comments they count (list sorting needs them).
    supportCount: integer().notNull().default(0),
    commentCount: integer().notNull().default(0),
    // Moderators' queue: null until a moderator has looked at it.
    moderatedAt: timestamp({ withTimezone: true }),
    shortlistedAt: timestamp({ withTimezone: true }),
    channel: participationChannel().notNull().default('web'),
    // A budget project's idea: the author's estimate, then the experts' cost, verdict and reasons, and the district
    // whose budget pays for it (null = the city-wide budget).
    proposedCost: bigint({ mode: 'number' }),
    cost: bigint({ mode: 'number' }),
    feasibility: ideaFeasibility(),
    feasibilityReason: text(),
    districtId: integer().references(() => districts.id, { onDelete: 'set null' }),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))`),
    ...timestamps,
  },
  (t) => [
    index('ideas_project_new_idx').on(t.projectId, t.createdAt.desc(), t.id.desc()),
    index('ideas_project_supported_idx').on(t.projectId, t.supportCount.desc(), t.id.desc()),
    index('ideas_project_discussed_idx').on(t.projectId, t.commentCount.desc(), t.id.desc()),
    index('ideas_search_idx').using('gin', t.search),
    index('ideas_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    // Nearest titles first (`lower(title) <-> $1`, the same distance: pg_trgm lowercases): the similar-ideas lookup's
    // low thresholds and last resort. On lower(title), so a plain `title % $1` takes the GIN index at high thresholds.
    index('ideas_title_lower_trgm_gist_idx').using('gist', sql`lower(${t.title}) gist_trgm_ops`),
    index('ideas_tags_idx').using('gin', t.tags),
    // The similar-ideas lookup reads a title key's ideas, the fewest trigrams first (ADR 067; idea_title_key() is
    // created by migration 0051, before this index).
    index('ideas_title_key_idx').on(t.projectId, sql`idea_title_key(${t.title})`, sql`cardinality(show_trgm(${t.title}))`),
    index('ideas_author_idx').on(t.authorId, t.createdAt),
    index('ideas_created_idx').on(t.createdAt),
    index('ideas_unmoderated_idx').on(t.createdAt).where(sql`${t.moderatedAt} IS NULL`),
    index('ideas_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    check('ideas_merged_has_target', sql`(${t.status} = 'merged') = (${t.mergedIntoId} IS NOT NULL)`),
    check('ideas_hidden_has_reason', sql`${t.status} <> 'hidden' OR ${t.hiddenReason} IS NOT NULL`),
    index('ideas_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`),
    check('ideas_costs_positive', sql`(${t.proposedCost} IS NULL OR ${t.proposedCost} > 0) AND (${t.cost} IS NULL OR ${t.cost} > 0)`),
    check('ideas_feasibility', sql`${t.feasibility} IS NULL OR (${t.feasibility} = 'feasible' AND ${t.cost} IS NOT NULL) OR (${t.feasibility} = 'infeasible' AND ${t.feasibilityReason} IS NOT NULL)`),
  ],
);

/** Authors credited on an idea besides its own author: the authors of ideas merged into it. */
export const ideaCredits = pgTable(
  'idea_credits',
  {
    ideaId: bigint({ mode: 'number' }).notNull().references(() => ideas.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    fromIdeaId: bigint({ mode: 'number' }).references(() => ideas.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index('idea_credits_user_idx').on(t.userId), index('idea_credits_from_idea_idx').on(t.fromIdeaId).where(sql`${t.fromIdeaId} IS NOT NULL`)],
);

export const ideaPhotos = pgTable(
  'idea_photos',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ideaId: bigint({ mode: 'number' }).notNull().references(() => ideas.id, { onDelete: 'cascade' }),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    // The bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 051): one of the two.
    data: bytea(),
    storageKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idea_photos_idea_idx').on(t.ideaId),
    index('idea_photos_storage_key_idx').on(t.storageKey).where(sql`${t.storageKey} IS NOT NULL`),
    check('idea_photos_bytes_somewhere', sql`(${t.data} IS NULL) <> (${t.storageKey} IS NULL)`),
  ],
);

/** One support per person per idea. */
/**
 * Every title key a project's ideas have had (ADR 067): a title's words without its numbers (`idea_title_key(title)`),
 * what trigram similarity sees of "Ramp at clinic 3" and "Ramp at clinic 12" alike. Kept by triggers on `ideas`
 * (migration 0051), never pruned: a key whose ideas were hidden, merged or renamed only costs one empty index probe.
 */
export const ideaTitleKeys = pgTable(
  'idea_title_keys',
  {
    projectId: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    key: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.key] }), index('idea_title_keys_trgm_idx').using('gin', sql`${t.key} gin_trgm_ops`)],
);

export const ideaSupports = pgTable(
  'idea_supports',
  {
    ideaId: bigint({ mode: 'number' }).notNull().references(() => ideas.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    channel: participationChannel().notNull().default('web'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index('idea_supports_user_idx').on(t.userId, t.createdAt), index('idea_supports_created_brin').using('brin', t.createdAt)],
);

/** Comments with one level of replies (a reply's parent has no parent; checked by the use-case). */
export const ideaComments = pgTable(
  'idea_comments',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ideaId: bigint({ mode: 'number' }).notNull().references(() => ideas.id, { onDelete: 'cascade' }),
    parentId: bigint({ mode: 'number' }).references((): never => ideaComments.id as never, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    ...timestamps,
  },
  (t) => [
    index('idea_comments_idea_idx').on(t.ideaId, t.createdAt),
    index('idea_comments_author_idx').on(t.authorId, t.createdAt),
    // Rows arrive in time order: a block-range index serves the dashboards' time range for almost nothing.
    index('idea_comments_created_brin').using('brin', t.createdAt),
    index('idea_comments_parent_idx').on(t.parentId).where(sql`${t.parentId} IS NOT NULL`),
  ],
);

/** "Report abuse" on an idea or a comment: one open flag per person per target; a moderator resolves it. */
export const abuseFlags = pgTable(
  'abuse_flags',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ideaId: bigint({ mode: 'number' }).references(() => ideas.id, { onDelete: 'cascade' }),
    commentId: bigint({ mode: 'number' }).references(() => ideaComments.id, { onDelete: 'cascade' }),
    reporterId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('abuse_flags_one_target', sql`num_nonnulls(${t.ideaId}, ${t.commentId}) = 1`),
    uniqueIndex('abuse_flags_once').on(t.reporterId, sql`coalesce(${t.ideaId}, 0)`, sql`coalesce(${t.commentId}, 0)`).where(sql`${t.resolvedAt} IS NULL`),
    // The unique index above keeps only open flags: this one serves the cascade when an account goes.
    index('abuse_flags_reporter_idx').on(t.reporterId),
    index('abuse_flags_open_idx').on(t.createdAt).where(sql`${t.resolvedAt} IS NULL`),
    index('abuse_flags_idea_idx').on(t.ideaId).where(sql`${t.ideaId} IS NOT NULL`),
    index('abuse_flags_comment_idx').on(t.commentId).where(sql`${t.commentId} IS NOT NULL`),
    index('abuse_flags_resolved_by_idx').on(t.resolvedBy).where(sql`${t.resolvedBy} IS NOT NULL`),
  ],
);

export const assessmentVerdict = pgEnum('assessment_verdict', ['recommend', 'reject', 'needs_work']);

/** An expert's assessment of an idea (one per expert per idea, revisable while reviewing). */
export const ideaAssessments = pgTable(
  'idea_assessments',
  {
    ideaId: bigint({ mode: 'number' }).notNull().references(() => ideas.id, { onDelete: 'cascade' }),
    expertId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    score: smallint().notNull(),
    verdict: assessmentVerdict().notNull(),
    note: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.expertId] }), index('idea_assessments_expert_idx').on(t.expertId), check('idea_assessments_score', sql`${t.score} BETWEEN 1 AND 5`)],
);
