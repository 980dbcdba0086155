import { sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '#app/utils/db.server';
import { listedStatuses, type Stage } from './stages';
import { storedBytes } from '#app/utils/stored-media.server';

/** The statuses the public lists show, as SQL literals (the same statement text the indexes were planned for). */
const listed = sql.raw(listedStatuses.map((status) => `'${status}'`).join(', '));

export type ProjectSummary = { id: number; slug: string; titleRu: string; titleEn: string; stage: Stage; ideas: number; hasCover: boolean };

/** Every project, newest first, with its number of listed ideas. */
export async function listProjects(): Promise<ProjectSummary[]> {
  return db.execute<ProjectSummary>(sql`
    SELECT p.id, p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.stage, (p.cover_image IS NOT NULL OR p.cover_storage_key IS NOT NULL) AS "hasCover",
      (SELECT count(*)::int FROM ideas i WHERE i.project_id = p.id AND i.status IN (${listed})) AS ideas
    FROM projects p ORDER BY p.created_at DESC, p.id DESC`);
}

export type Project = {
  id: number;
  slug: string;
  titleRu: string;
  titleEn: string;
  descriptionRu: string;
  descriptionEn: string;
  stage: Stage;
  hasCover: boolean;
  /** A participatory budget's city-wide amount and its currency (null: not a budget, or district budgets only). */
  budget: number | null;
  currency: string | null;
  stages: { stage: Stage; startsOn: string; endsOn: string }[];
  districts: { id: number; nameRu: string; nameEn: string; budget: number | null }[];
};

export async function getProject(where: { slug: string } | { id: number }, tx: DbOrTx = db): Promise<Project | null> {
  const condition = 'slug' in where ? sql`p.slug = ${where.slug}` : sql`p.id = ${where.id}`;
  const [row] = await tx.execute<Project>(sql`
    SELECT p.id, p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.description_ru AS "descriptionRu", p.description_en AS "descriptionEn",
      p.stage, (p.cover_image IS NOT NULL OR p.cover_storage_key IS NOT NULL) AS "hasCover", p.budget::float8 AS budget, p.currency,
      coalesce((SELECT json_agg(json_build_object('stage', s.stage, 'startsOn', to_char(s.starts_on AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'endsOn', to_char(s.ends_on AT TIME ZONE 'UTC', 'YYYY-MM-DD')) ORDER BY s.starts_on, s.stage)
        FROM project_stages s WHERE s.project_id = p.id), '[]') AS stages,
      coalesce((SELECT json_agg(json_build_object('id', d.id, 'nameRu', d.name_ru, 'nameEn', d.name_en, 'budget', pd.budget) ORDER BY d.name_en)
        FROM project_districts pd JOIN districts d ON d.id = pd.district_id WHERE pd.project_id = p.id), '[]') AS districts
    FROM projects p WHERE ${condition}`);
  return row ?? null;
}

export type IdeaListItem = { id: number; title: string; tags: string[]; status: string; supportCount: number; commentCount: number; createdAt: string; cursor: string };
export type IdeaSort = 'new' | 'supported' | 'discussed';
export type IdeaListQuery = { sort: IdeaSort; tag?: string; q?: string; after?: string; limit?: number };

// The ORDER BY must match the indexes exactly, NULLS LAST included (drizzle's .desc() writes DESC NULLS LAST), or
// Postgres sorts the whole project instead of reading 21 index entries: 70 ms instead of 0.1 ms at 100,000 ideas.
const sortKey: Record<IdeaSort, SQL> = { new: sql.raw('created_at'), supported: sql.raw('support_count'), discussed: sql.raw('comment_count') };
const cursorValue: Record<IdeaSort, SQL> = {
  new: sql.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`),
  supported: sql.raw('support_count::text'),
  discussed: sql.raw('comment_count::text'),
};

/** The tsquery for words typed in a search box: every word must match (websearch syntax, so quotes work too). */
function searchCondition(q: string): SQL {
  return sql`search @@ websearch_to_tsquery('simple', ${q})`;
}

/**
 * A page of a project's listed ideas in one of three orders, filtered by tag and words. Keyset pagination: the
 * cursor is the last row's (sort key, id), so page 1,000 costs what page 1 does, on the (project_id, key desc,
 * id desc) indexes. Asks for one row more than shown to know whether there is a next page.
 */
export async function listIdeas(projectId: number, query: IdeaListQuery): Promise<{ items: IdeaListItem[]; next: string | null }> {
  const limit = query.limit ?? 20;
  const rows = await db.execute<IdeaListItem>(ideaListStatement(projectId, { ...query, limit }));
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items.at(-1)!.cursor : null };
}

/** The one statement behind listIdeas (exported so the benchmark times exactly this SQL bare). */
export function ideaListStatement(projectId: number, query: IdeaListQuery & { limit: number }): SQL {
  const key = sortKey[query.sort];
  let after: SQL | undefined;
  if (query.after) {
    const split = query.after.lastIndexOf('_');
    const value = query.after.slice(0, split);
    const lastId = Number(query.after.slice(split + 1));
    after = query.sort === 'new' ? sql`(created_at, id) < (${value}::timestamp AT TIME ZONE 'UTC', ${lastId})` : sql`(${key}, id) < (${Number(value) || 0}, ${lastId})`;
  }
  const conditions = [
    sql`project_id = ${projectId}`,
    sql`status IN (${listed})`,
    query.tag ? sql`tags @> ARRAY[${query.tag}]::text[]` : undefined,
    query.q ? searchCondition(query.q) : undefined,
    after,
  ].filter((c): c is SQL => c !== undefined);
  return sql`
    SELECT id::int AS id, title, tags, status, support_count AS "supportCount", comment_count AS "commentCount", created_at AS "createdAt",
      ${cursorValue[query.sort]} || '_' || id AS cursor
    FROM ideas WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${key} DESC NULLS LAST, id DESC NULLS LAST LIMIT ${query.limit + 1}`;
}

export type SimilarIdea = { id: number; title: string; supportCount: number; status: string };

/**
 * Listed ideas of the project that look like `text`: trigram similarity of the titles (pg_trgm) or two of its words
 * in the full-text index, best first. Used while a resident types a title and again on submit.
 */
export async function findSimilarIdeas(projectId: number, text: string, excludeId?: number): Promise<SimilarIdea[]> {
  if (!similarLookupSetsThreshold(text)) return rankSimilarIdeas(projectId, text, excludeId, (statement) => db.execute(statement) as never);
  return db.transaction((tx) => rankSimilarIdeas(projectId, text, excludeId, (statement) => tx.execute(statement) as never));
}

/** Runs one statement of the lookup (in one transaction when the lookup sets pg_trgm's threshold: it sets it for that transaction only). */
export type RunStatement = <Row extends Record<string, unknown>>(statement: SQL) => Promise<Row[]>;

/**
 * Whether the lookup for `text` sets pg_trgm's threshold, so must run in one transaction: only a text with digits
 * (ADR 067); any other reads the keys at pg_trgm's default, which no connection of the app changes for its session.
 */
export const similarLookupSetsThreshold = (text: string) => /[0-9]/.test(text);

/** pg_trgm's own `similarity_threshold`: what `%` means in every statement that does not set it. */
const trigramDefaultThreshold = 0.3;
/** The title similarities ADR 052's lookup tries in turn (pg_trgm's `%`, set per transaction); the last, the default, reads every title match. */
export const similarThresholds = [0.5, trigramDefaultThreshold] as const;
/**
 * More than any idea's ts_rank adds, for the ideas left out below a threshold: the rank of an unweighted text is
 * at most 0.161 for a query of one word or of word pairs (ts_rank's calc_rank_or), and for one pair of words it
 * reaches 0.2 only with three close pairs in one idea's title and body.
 */
export const similarRankMargin = 0.2;
/** float4 sums: a hair of slack so a rounding error never counts as enough. */
const slack = 1e-6;
/**
 * Below this key similarity (a text mostly of numbers, ADR 067), nearly every key could hold a close title and the
 * bounds say little: ADR 052's lookup by thresholds answers instead.
 */
const keyThresholdFloor = 0.1;

type RankedIdea = SimilarIdea & { score: number };

const strip = (rows: RankedIdea[]) => rows.map(({ score: _score, ...idea }) => idea);

/**
 * The five best look-alikes, ranked exactly as the statement of every match (similarity + ts_rank, support, id),
 * reading the ideas of a few title keys only (ADR 067). A title's key is its words without the words that are
 * only digits (`idea_title_key`), so the title has the key's trigrams plus some that contain a digit. With `q`
 * trigrams in the text, `d` of them at most from its words with digits, a key sharing `c` of its `n` trigrams with
 * the text lets a title of `m` trigrams share `e` = min(d, q − c) more at most: its similarity is at most
 * (c + e) / (q + m − c − e), and any title's of the key at most (c + e) / (q + n − c), the key's bound. Titles are
 * read only where that bound plus `similarRankMargin` reaches the fifth score found so far (first within the margin
 * of the best key, then down to the fifth score): what is never read scores lower. The keys at least 0.3 − d/q
 * similar are all that can hold a title at least 0.3 similar; if the fifth best is below 0.3 + the margin, those
 * five are ranked with the 500 most supported ideas sharing two words, as ADR 052's last step. One statement for
 * a text without digits, in no transaction; a text with digits first sets the keys' threshold.
 */
export async function rankSimilarIdeas(projectId: number, text: string, excludeId: number | undefined, run: RunStatement): Promise<SimilarIdea[]> {
  const shared = sharedWordsQuery(text);
  if (!shared) return [];
  const shape = sql`
    SELECT cardinality(show_trgm(${text}))::int AS q,
      coalesce((SELECT sum(length(w) + 1) FROM regexp_split_to_table(${text}, '[^[:alnum:]]+') AS w WHERE w ~ '[0-9]'), 0)::int AS d`;
  if (similarLookupSetsThreshold(text)) {
    // The keys that can hold a title 0.3 similar are at least 0.3 − d/q similar themselves: pg_trgm's threshold for this transaction.
    const [set] = await run<{ threshold: number }>(sql`
      SELECT threshold, set_config('pg_trgm.similarity_threshold', threshold::text, true) AS set
      FROM (${shape}) AS shape, LATERAL (SELECT greatest(0, ${trigramDefaultThreshold} - d::float8 / greatest(q, 1) - ${slack}) AS threshold) AS t`);
    if (set!.threshold < keyThresholdFloor) return rankSimilarIdeasByThresholds(projectId, text, excludeId, run);
  }
  const tsQuery = sql`to_tsquery('simple', ${shared})`;
  // The most trigrams a title of the key can have and still reach `floor`: (c + e) / (q + m − c − e) ≥ floor.
  const longest = (floor: SQL) => sql`floor((c + e) / ${floor} - q + c + e)::int`;
  // The titles of each key of `source` (key, after, longest) with more than `after` and at most `longest` trigrams, best five.
  const readTitles = (source: SQL) => sql`
    SELECT i.id, i.title, i.support_count AS "supportCount", i.status, i.score
    FROM (${source}) AS k, LATERAL (
      SELECT id, title, support_count, status, (sim + ts_rank(search, ${tsQuery}))::float8 AS score
      FROM (
        SELECT id::int AS id, title, support_count, status, search, similarity(title, ${text}) AS sim
        FROM ideas
        WHERE project_id = ${projectId} AND idea_title_key(title) = k.key
          AND cardinality(show_trgm(title)) > k.after AND cardinality(show_trgm(title)) <= k.longest
          AND status IN (${listed}) ${excludeId ? sql`AND id <> ${excludeId}` : sql``}
        OFFSET 0 -- one index range per key, whatever the planner guesses of the keys; the similarity computed once
      ) AS t
      WHERE sim >= ${trigramDefaultThreshold} OR search @@ ${tsQuery}
    ) AS i
    ORDER BY i.score DESC, i.support_count DESC, i.id DESC
    LIMIT 5`;
  // One statement: the keys; the titles within the margin of the best key's bound (to find a fifth score); then
  // every title that can still reach the fifth score (or 0.3, the title matches, while five are not found), only
  // where that floor is below the first one and only titles longer than those read; the best five of both.
  // pg_trgm's similarity is c / (q + n − c): c follows from it and n exactly (rounded: float4).
  const [found] = await run<{ best: RankedIdea[] }>(sql`
    WITH shape AS (${shape}),
    keys AS MATERIALIZED (
      SELECT key, n, c, e, q, (c + e)::float8 / (q + n - c) AS bound
      FROM (
        SELECT key, n, c, least(d, q - c) AS e, q
        FROM shape, LATERAL (
          SELECT key, n, round(sim * (q + n) / (1 + sim))::int AS c FROM (
            SELECT key, cardinality(show_trgm(key)) AS n, similarity(key, ${text})::float8 AS sim FROM idea_title_keys WHERE project_id = ${projectId} AND key % ${text} OFFSET 0
          ) AS k OFFSET 0
        ) AS k OFFSET 0
      ) AS k
      WHERE (c + e)::float8 / (q + n - c) >= ${trigramDefaultThreshold - slack}
    ),
    first AS MATERIALIZED (SELECT greatest(max(bound) - ${similarRankMargin}, ${trigramDefaultThreshold}) - ${slack} AS floor FROM keys),
    first_best AS MATERIALIZED (${readTitles(sql`SELECT key, -1 AS after, ${longest(sql`first.floor`)} AS longest FROM keys, first WHERE bound >= first.floor`)}),
    rest AS MATERIALIZED (
      SELECT greatest(CASE WHEN count(*) = 5 THEN min(score) ELSE 0 END, ${trigramDefaultThreshold + similarRankMargin}) - ${similarRankMargin} - ${slack} AS floor FROM first_best
    ),
    rest_best AS MATERIALIZED (${readTitles(sql`
      SELECT key, CASE WHEN bound >= first.floor THEN ${longest(sql`first.floor`)} ELSE -1 END AS after, ${longest(sql`rest.floor`)} AS longest
      FROM keys, first, rest WHERE bound >= rest.floor AND rest.floor < first.floor`)})
    SELECT coalesce(json_agg(b), '[]') AS best FROM (
      SELECT * FROM (SELECT * FROM first_best UNION ALL SELECT * FROM rest_best) AS u ORDER BY score DESC, "supportCount" DESC, id DESC LIMIT 5
    ) AS b`);
  const best = found!.best;
  if (best.length === 5 && best[4]!.score >= trigramDefaultThreshold + similarRankMargin + slack) return strip(best);
  return strip(await rankWithSharedWords(projectId, shared, text, excludeId, best, run));
}

/**
 * ADR 052's lookup, kept for texts mostly of numbers and as the bench's baseline: the five best of the titles at
 * least 0.5 similar, accepted when the fifth scores at least 0.5 + the margin (an idea left out is less similar
 * and ts_rank adds less than the margin), else the same at pg_trgm's default (every title match), and last those
 * five ranked with the most supported ideas sharing two words.
 */
export async function rankSimilarIdeasByThresholds(projectId: number, text: string, excludeId: number | undefined, run: RunStatement): Promise<SimilarIdea[]> {
  const shared = sharedWordsQuery(text);
  if (!shared) return [];
  const listedHere = sql`project_id = ${projectId} AND status IN (${listed}) ${excludeId ? sql`AND id <> ${excludeId}` : sql``}`;
  let titled: RankedIdea[] = [];
  for (const threshold of similarThresholds) {
    await run(sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
    // The GIN index (on title) where few titles are that similar: its count of shared trigrams leaves few to check;
    // the GiST one (on lower(title), the same similarity) below, where GIN hands over thousands of rows to recheck.
    const title = threshold >= 0.45 ? sql`title` : sql`lower(title)`;
    const rows = await run<RankedIdea>(sql`
      SELECT id::int AS id, title, support_count AS "supportCount", status, (similarity(title, ${text}) + ts_rank(search, to_tsquery('simple', ${shared})))::float8 AS score
      FROM ideas
      WHERE ${listedHere} AND ${title} % ${text}
      ORDER BY similarity(title, ${text}) + ts_rank(search, to_tsquery('simple', ${shared})) DESC, support_count DESC, id DESC
      LIMIT 5`);
    if (rows.length === 5 && rows[4]!.score >= threshold + similarRankMargin + slack) return strip(rows);
    titled = rows;
  }
  // The last step read every title match (pg_trgm's default): only ideas sharing words but not titles are missing.
  return strip(await rankWithSharedWords(projectId, shared, text, excludeId, titled, run));
}

/** The best five of `titled` and the most supported ideas sharing two words with the text (ADR 040's words side). */
async function rankWithSharedWords(projectId: number, shared: string, text: string, excludeId: number | undefined, titled: RankedIdea[], run: RunStatement): Promise<RankedIdea[]> {
  const listedHere = sql`project_id = ${projectId} AND status IN (${listed}) ${excludeId ? sql`AND id <> ${excludeId}` : sql``}`;
  const titledIds = `{${titled.map((idea) => idea.id).join(',')}}`;
  return run<RankedIdea>(sql`
    WITH by_words AS (
      SELECT id FROM ideas WHERE ${listedHere} AND search @@ to_tsquery('simple', ${shared}) ORDER BY support_count DESC NULLS LAST, id DESC NULLS LAST LIMIT ${similarCandidates.byWords}
    )
    SELECT id::int AS id, title, support_count AS "supportCount", status, 0::float8 AS score
    FROM ideas
    WHERE id IN (SELECT id FROM by_words) OR id = ANY(${titledIds}::bigint[])
    ORDER BY similarity(title, ${text}) + ts_rank(search, to_tsquery('simple', ${shared})) DESC, support_count DESC, id DESC
    LIMIT 5`);
}

/** How many look-alikes each side (titles, words) hands to the ranking at most. */
export const similarCandidates = { byTitle: 500, byWords: 500 };

/**
 * ADR 040's lookup (kept for the benchmark's comparison): ranks a capped set of candidates instead of every match (a project of look-alike ideas matched 22,772 of 100,000):
 * the titles nearest to `text` (the GiST trigram index on lower(title) in distance order, so the best ones by similarity whatever
 * their number) and, of the ideas sharing two words, the most supported (walking the support-order index, or the
 * full-text index when few match). Ranked as before: similarity + ts_rank, support, id.
 */
export function similarIdeasStatement(projectId: number, text: string, excludeId?: number): SQL | null {
  const shared = sharedWordsQuery(text);
  if (!shared) return null;
  const listedHere = sql`project_id = ${projectId} AND status IN (${listed}) ${excludeId ? sql`AND id <> ${excludeId}` : sql``}`;
  return sql`
    WITH by_title AS (
      SELECT id FROM ideas WHERE ${listedHere} AND lower(title) % ${text} ORDER BY lower(title) <-> ${text} LIMIT ${similarCandidates.byTitle}
    ), by_words AS (
      SELECT id FROM ideas WHERE ${listedHere} AND search @@ to_tsquery('simple', ${shared}) ORDER BY support_count DESC NULLS LAST, id DESC NULLS LAST LIMIT ${similarCandidates.byWords}
    )
    SELECT id::int AS id, title, support_count AS "supportCount", status, 0::float8 AS score
    FROM ideas
    WHERE id IN (SELECT id FROM by_title UNION SELECT id FROM by_words)
    ORDER BY similarity(title, ${text}) + ts_rank(search, to_tsquery('simple', ${shared})) DESC, support_count DESC, id DESC
    LIMIT 5`;
}

/** The statement before the candidate cap, every match ranked (kept for the benchmark's "same answers" check). */
export function similarIdeasUncappedStatement(projectId: number, text: string): SQL | null {
  const shared = sharedWordsQuery(text);
  if (!shared) return null;
  return sql`
    SELECT id::int AS id, title, support_count AS "supportCount", status
    FROM ideas
    WHERE project_id = ${projectId} AND status IN (${listed})
      AND (title % ${text} OR search @@ to_tsquery('simple', ${shared}))
    ORDER BY similarity(title, ${text}) + ts_rank(search, to_tsquery('simple', ${shared})) DESC, support_count DESC, id DESC
    LIMIT 5`;
}

/**
 * A tsquery matching a text that shares at least two significant words with `text` (or its only one): words of 4+
 * letters, matched by prefix so Russian endings do not matter ("поликлинику" finds "поликлиника"). Short words
 * ("для", "в") would match everything, so they are left to the trigram side. Null when nothing is significant.
 */
export function sharedWordsQuery(text: string): string | null {
  const stems = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).map((w) => (w.length > 5 ? w.slice(0, -2) : w)))].slice(0, 8);
  if (!stems.length) return null;
  if (stems.length === 1) return `${stems[0]}:*`;
  const pairs: string[] = [];
  for (let i = 0; i < stems.length; i++) for (let j = i + 1; j < stems.length; j++) pairs.push(`(${stems[i]}:* & ${stems[j]}:*)`);
  return pairs.join(' | ');
}

export type IdeaDetails = {
  id: number;
  projectId: number;
  projectSlug: string;
  projectTitleRu: string;
  projectTitleEn: string;
  projectStage: Stage;
  authorId: string | null;
  authorName: string | null;
  title: string;
  body: string;
  tags: string[];
  status: string;
  mergedIntoId: number | null;
  hiddenReason: string | null;
  supportCount: number;
  commentCount: number;
  createdAt: string;
  credits: { name: string; fromIdeaId: number | null }[];
  photos: { id: number; width: number; height: number }[];
  /** A budget project's idea (currency set): the author's estimate, the experts' cost and verdict, the budget's district. */
  currency: string | null;
  proposedCost: number | null;
  cost: number | null;
  feasibility: 'feasible' | 'infeasible' | null;
  feasibilityReason: string | null;
  budgetDistrict: { nameRu: string; nameEn: string } | null;
};

export async function getIdea(id: number): Promise<IdeaDetails | null> {
  const [row] = await db.execute<IdeaDetails>(sql`
    SELECT i.id::int AS id, i.project_id AS "projectId", p.slug AS "projectSlug", p.title_ru AS "projectTitleRu", p.title_en AS "projectTitleEn", p.stage AS "projectStage",
      i.author_id AS "authorId", u.name AS "authorName", i.title, i.body, i.tags, i.status, i.merged_into_id::int AS "mergedIntoId", i.hidden_reason AS "hiddenReason",
      i.support_count AS "supportCount", i.comment_count AS "commentCount", i.created_at AS "createdAt",
      p.currency, i.proposed_cost::float8 AS "proposedCost", i.cost::float8 AS cost, i.feasibility, i.feasibility_reason AS "feasibilityReason",
      (SELECT json_build_object('nameRu', d.name_ru, 'nameEn', d.name_en) FROM districts d WHERE d.id = i.district_id) AS "budgetDistrict",
      coalesce((SELECT json_agg(json_build_object('name', cu.name, 'fromIdeaId', c.from_idea_id) ORDER BY cu.name) FROM idea_credits c JOIN users cu ON cu.id = c.user_id WHERE c.idea_id = i.id), '[]') AS credits,
      coalesce((SELECT json_agg(json_build_object('id', ph.id, 'width', ph.width, 'height', ph.height) ORDER BY ph.id) FROM idea_photos ph WHERE ph.idea_id = i.id), '[]') AS photos
    FROM ideas i JOIN projects p ON p.id = i.project_id LEFT JOIN users u ON u.id = i.author_id
    WHERE i.id = ${id}`);
  return row ?? null;
}

export type IdeaComment = { id: number; parentId: number | null; authorId: string | null; authorName: string | null; body: string; hidden: boolean; hiddenReason: string | null; createdAt: string };

/** The comments of an idea, oldest first; a hidden one keeps its place with the reason instead of its text. */
export async function listComments(ideaId: number): Promise<IdeaComment[]> {
  return db.execute<IdeaComment>(sql`
    SELECT c.id::int AS id, c.parent_id::int AS "parentId", c.author_id AS "authorId", u.name AS "authorName",
      CASE WHEN c.hidden_at IS NULL THEN c.body ELSE '' END AS body, c.hidden_at IS NOT NULL AS hidden, c.hidden_reason AS "hiddenReason", c.created_at AS "createdAt"
    FROM idea_comments c LEFT JOIN users u ON u.id = c.author_id
    WHERE c.idea_id = ${ideaId} ORDER BY c.created_at, c.id`);
}

export async function hasSupported(ideaId: number, userId: string): Promise<boolean> {
  const rows = await db.execute(sql`SELECT 1 FROM idea_supports WHERE idea_id = ${ideaId} AND user_id = ${userId}`);
  return rows.length > 0;
}

export type AssessmentView = { expertName: string; score: number; verdict: string; note: string; updatedAt: string };

export async function listAssessments(ideaId: number): Promise<AssessmentView[]> {
  return db.execute<AssessmentView>(sql`
    SELECT u.name AS "expertName", a.score, a.verdict, a.note, a.updated_at AS "updatedAt"
    FROM idea_assessments a JOIN users u ON u.id = a.expert_id WHERE a.idea_id = ${ideaId} ORDER BY a.updated_at`);
}

function projectScope(scope: 'all' | number[], column: SQL): SQL {
  if (scope === 'all') return sql`true`;
  if (!scope.length) return sql`false`;
  return sql`${column} IN (${sql.join(scope.map((p) => sql`${p}`), sql`, `)})`;
}

export type QueueIdea = { id: number; projectId: number; projectSlug: string; title: string; body: string; tags: string[]; authorName: string | null; createdAt: string };
export type QueueFlag = { id: number; reason: string; createdAt: string; ideaId: number; commentId: number | null; projectId: number; text: string; title: string };

/** New ideas no moderator has looked at, and open abuse flags, in the projects the moderator covers. */
export async function moderationQueue(scope: 'all' | number[]): Promise<{ ideas: QueueIdea[]; flags: QueueFlag[] }> {
  const [ideas, flags] = await Promise.all([
    db.execute<QueueIdea>(sql`
      SELECT i.id::int AS id, i.project_id AS "projectId", p.slug AS "projectSlug", i.title, i.body, i.tags, u.name AS "authorName", i.created_at AS "createdAt"
      FROM ideas i JOIN projects p ON p.id = i.project_id LEFT JOIN users u ON u.id = i.author_id
      WHERE i.moderated_at IS NULL AND i.status = 'published' AND ${projectScope(scope, sql`i.project_id`)}
      ORDER BY i.created_at LIMIT 50`),
    db.execute<QueueFlag>(sql`
      SELECT f.id::int AS id, f.reason, f.created_at AS "createdAt", coalesce(f.idea_id, c.idea_id)::int AS "ideaId", f.comment_id::int AS "commentId",
        i.project_id AS "projectId", coalesce(c.body, i.body) AS text, i.title
      FROM abuse_flags f LEFT JOIN idea_comments c ON c.id = f.comment_id JOIN ideas i ON i.id = coalesce(f.idea_id, c.idea_id)
      WHERE f.resolved_at IS NULL AND ${projectScope(scope, sql`i.project_id`)}
      ORDER BY f.created_at LIMIT 50`),
  ]);
  return { ideas, flags };
}

export type DuplicateGroup = { ideas: { id: number; title: string; supportCount: number; commentCount: number; createdAt: string }[]; similarity: number };

/**
 * "Likely duplicates": pairs of listed ideas in a project whose titles are similar (pg_trgm `%`, served by the
 * trigram index), joined into groups (a pair sharing an idea with another pair is one group), most similar first.
 */
export async function likelyDuplicates(projectId: number, threshold = 0.45): Promise<DuplicateGroup[]> {
  const pairs = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
    return tx.execute<{ a: number; b: number; sim: number }>(sql`
      SELECT a.id::int AS a, b.id::int AS b, similarity(a.title, b.title)::float AS sim
      FROM ideas a JOIN ideas b ON b.project_id = a.project_id AND b.id > a.id AND b.title % a.title
      WHERE a.project_id = ${projectId} AND a.status IN ('published', 'shortlisted') AND b.status IN ('published', 'shortlisted')
      ORDER BY sim DESC LIMIT 200`);
  });
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const best = new Map<number, number>();
  for (const { a, b } of pairs) parent.set(find(a), find(b));
  for (const { a, sim } of pairs) best.set(find(a), Math.max(best.get(find(a)) ?? 0, sim));
  const members = new Map<number, Set<number>>();
  for (const { a, b } of pairs) for (const x of [a, b]) members.set(find(x), (members.get(find(x)) ?? new Set()).add(x));
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  if (!ids.length) return [];
  const rows = await db.execute<DuplicateGroup['ideas'][number]>(sql`
    SELECT id::int AS id, title, support_count AS "supportCount", comment_count AS "commentCount", created_at AS "createdAt"
    FROM ideas WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...members]
    .map(([root, set]) => ({ similarity: Math.round((best.get(root) ?? 0) * 100) / 100, ideas: [...set].map((i) => byId.get(i)!).sort((x, y) => y.supportCount - x.supportCount || x.id - y.id) }))
    .sort((x, y) => y.similarity - x.similarity);
}

export type ExpertRow = { id: number; title: string; status: string; supportCount: number; assessments: number; averageScore: number | null; myScore: number | null; myVerdict: string | null; myNote: string | null;
  proposedCost: number | null; cost: number | null; feasibility: 'feasible' | 'infeasible' | null; feasibilityReason: string | null; districtId: number | null };

/** The experts' dashboard of a project: every idea under review with its assessments, and the coverage. */
export async function expertDashboard(projectId: number, expertId: string) {
  const [rows, [totals]] = await Promise.all([
    db.execute<ExpertRow>(sql`
    SELECT i.id::int AS id, i.title, i.status, i.support_count AS "supportCount",
      i.proposed_cost::float8 AS "proposedCost", i.cost::float8 AS cost, i.feasibility, i.feasibility_reason AS "feasibilityReason", i.district_id AS "districtId",
      (SELECT count(*)::int FROM idea_assessments a WHERE a.idea_id = i.id) AS assessments,
      (SELECT round(avg(a.score), 2)::float FROM idea_assessments a WHERE a.idea_id = i.id) AS "averageScore",
      m.score AS "myScore", m.verdict AS "myVerdict", m.note AS "myNote"
    FROM ideas i LEFT JOIN idea_assessments m ON m.idea_id = i.id AND m.expert_id = ${expertId}
    WHERE i.project_id = ${projectId} AND i.status IN (${listed})
    ORDER BY i.status = 'shortlisted' DESC, i.support_count DESC, i.id`),
    db.execute<{ assessed: number; total: number; average: number | null }>(sql`
    SELECT count(DISTINCT i.id) FILTER (WHERE a.idea_id IS NOT NULL)::int AS assessed, count(DISTINCT i.id)::int AS total, round(avg(a.score), 2)::float AS average
    FROM ideas i LEFT JOIN idea_assessments a ON a.idea_id = i.id
    WHERE i.project_id = ${projectId} AND i.status IN (${listed})`),
  ]);
  return { rows, assessed: totals?.assessed ?? 0, total: totals?.total ?? 0, average: totals?.average ?? null };
}

export type ResultRow = {
  ideaId: number;
  title: string;
  supportCount: number;
  decisionId: number | null;
  decisionStatus: string | null;
  items: { titleRu: string; titleEn: string; status: string; progress: number; dueOn: string | null }[];
};

/** Accepted ideas of a project with their decision and its implementation progress. */
export async function projectResults(projectId: number): Promise<ResultRow[]> {
  return db.execute<ResultRow>(sql`
    SELECT i.id::int AS "ideaId", i.title, i.support_count AS "supportCount", d.id AS "decisionId", d.status AS "decisionStatus",
      coalesce((SELECT json_agg(json_build_object('titleRu', it.title_ru, 'titleEn', it.title_en, 'status', it.status, 'progress', it.progress, 'dueOn', it.due_on) ORDER BY it.id)
        FROM implementation_items it WHERE it.decision_id = d.id), '[]') AS items
    FROM ideas i LEFT JOIN LATERAL (SELECT * FROM decisions WHERE idea_id = i.id ORDER BY id DESC LIMIT 1) d ON true
    WHERE i.project_id = ${projectId} AND i.status = 'accepted'
    ORDER BY i.support_count DESC, i.id`);
}

/** A resident's own ideas, comments and supports, for the cabinet. */
export async function myIdeasActivity(userId: string) {
  const [ideas, comments, supports] = await Promise.all([
    db.execute<{ id: number; title: string; status: string; supportCount: number; commentCount: number; createdAt: string; mergedIntoId: number | null }>(sql`
      SELECT id::int AS id, title, status, support_count AS "supportCount", comment_count AS "commentCount", created_at AS "createdAt", merged_into_id::int AS "mergedIntoId"
      FROM ideas WHERE author_id = ${userId} ORDER BY created_at DESC LIMIT 200`),
    db.execute<{ id: number; ideaId: number; title: string; body: string; hidden: boolean; createdAt: string }>(sql`
      SELECT c.id::int AS id, c.idea_id::int AS "ideaId", i.title, c.body, c.hidden_at IS NOT NULL AS hidden, c.created_at AS "createdAt"
      FROM idea_comments c JOIN ideas i ON i.id = c.idea_id WHERE c.author_id = ${userId} ORDER BY c.created_at DESC LIMIT 200`),
    db.execute<{ ideaId: number; title: string; status: string; createdAt: string }>(sql`
      SELECT s.idea_id::int AS "ideaId", i.title, i.status, s.created_at AS "createdAt"
      FROM idea_supports s JOIN ideas i ON i.id = s.idea_id WHERE s.user_id = ${userId} ORDER BY s.created_at DESC LIMIT 200`),
  ]);
  return { ideas, comments, supports };
}

/** The people granted a role on this project, and the ballot its shortlist became (if any): the admin's project page. */
export async function projectStaff(projectId: number) {
  const [grants, ballots] = await Promise.all([
    db.execute<{ id: string; role: string; name: string; email: string }>(sql`
      SELECT g.id, g.role, u.name, u.email FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.project_id = ${projectId} ORDER BY g.role, u.name`),
    db.execute<{ id: number; status: string }>(sql`SELECT id, status FROM ballots WHERE project_id = ${projectId} ORDER BY id`),
  ]);
  return { grants, ballots };
}

export async function userIdByEmail(email: string): Promise<string | null> {
  const [row] = await db.execute<{ id: string }>(sql`SELECT id FROM users WHERE email = ${email}`);
  return row?.id ?? null;
}

/** An idea's photo, unless the idea is hidden (its photos are not served then). */
export async function ideaPhoto(id: number): Promise<{ data: Uint8Array; mimeType: string } | null> {
  const [photo] = await db.execute<{ data: Buffer | null; storageKey: string | null; mimeType: string }>(sql`
    SELECT p.data, p.storage_key AS "storageKey", p.mime_type AS "mimeType" FROM idea_photos p JOIN ideas i ON i.id = p.idea_id WHERE p.id = ${id} AND i.status <> 'hidden'`);
  const data = photo ? await storedBytes(photo) : null;
  return photo && data ? { data, mimeType: photo.mimeType } : null;
}
