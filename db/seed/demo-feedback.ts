// Satisfaction after interactions: residents rate some of their answered reports, reviewed ideas and cast ballots,
// a while after each (most happy, the late and reopened answers less so, with the words of their complaints),
// so the staff's satisfaction view and the public dashboard have three months of ratings on the first run.
// Each rating goes through the real use-case; then all are dated in one UPDATE. Deterministic, and seeds once.
import { sql } from '#app/utils/db.server';
import { giveFeedback } from '#app/modules/feedback/give-feedback.server';
import type { FeedbackStage } from '#app/modules/feedback/schemas';
import { demoPeople } from './demo-city';
import { activityAt, DAY, rng, type Rng } from './demo-time';

const HOUR = 3_600_000;

/** A score drawn from weights for 1…5. */
function score(r: Rng, weights: readonly [number, number, number, number, number]): number {
  let x = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 5; i++) if ((x -= weights[i]!) < 0) return i + 1;
  return 5;
}
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

type Subject = 'report' | 'idea' | 'ballot';
const comments: Record<Subject, { low: readonly string[]; middle: readonly string[]; high: readonly string[] }> = {
  report: {
    low: [
      'Ответили с опозданием, а проблему так и не решили.',
      'Долго ждали ответа, работы сделаны некачественно.',
      'Отписка вместо решения, проблема осталась.',
      'Сделали только наполовину, через неделю всё вернулось.',
      'Долго и некачественно, пришлось жаловаться повторно.',
      'На месте никто не появлялся, ответ формальный.',
    ],
    middle: ['Сделали, но долго.', 'Исправили, хотя ответ пришёл поздно.', 'В целом нормально, но пришлось ждать.'],
    high: ['Спасибо, сделали быстро.', 'Всё исправили, спасибо!', 'Ответили по существу и вовремя.'],
  },
  idea: {
    low: ['Эксперты не объяснили оценку.', 'Идею оценили формально, без объяснений.', 'Долго ждали оценки экспертов.'],
    middle: ['Оценка понятная, но хотелось бы подробнее.'],
    high: ['Спасибо экспертам за подробный разбор.', 'Понятно объяснили, что дальше.'],
  },
  ballot: {
    low: ['Мало вариантов для выбора.', 'Неудобно голосовать с телефона.', 'Непонятно, что будет с результатами.'],
    middle: ['Голосовать удобно, но описание вариантов короткое.'],
    high: ['Быстро и удобно.', 'Хорошо, что можно проверить свой голос.'],
  },
};

type Rating = { userId: string; subject: Subject; subjectId: number; stage: FeedbackStage; score: number; comment?: string; at: Date; dimensions: Partial<Record<'clarity' | 'speed' | 'conduct' | 'waiting' | 'result', number>> };

export async function seedDemoFeedback(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  const [rated] = await sql`SELECT 1 FROM feedback LIMIT 1`;
  if (rated) return 'already-seeded';
  const [reports] = await sql`SELECT 1 FROM reports LIMIT 1`;
  if (!reports) return 'not-yet';
  const r = rng(0xfeedbac);
  const now = Date.now();
  const ratings: Rating[] = [];
  // The people one signs in as keep their interactions unrated: the demo shows them the rating form.
  const signInAs = new Set((await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ANY(${demoPeople.map((p) => p.email)}::text[])`).map((u) => u.id));
  /** Whether the person rates, and when: between `after` and a few days later, never in the future. */
  const rate = (chance: number, subject: Subject, stage: FeedbackStage, userId: string, subjectId: number, weights: Parameters<typeof score>[1], after: string, within: number) => {
    if (r() >= chance || signInAs.has(userId)) return;
    // Timestamps come back as text (drizzle's driver leaves them to the caller).
    const from = new Date(after).getTime() + HOUR;
    const until = Math.min(from + within, now - 10 * 60_000);
    if (until <= from) return;
    const s = score(r, weights);
    const words = comments[subject][s <= 2 ? 'low' : s === 3 ? 'middle' : 'high'];
    // Unhappy people explain themselves more often than happy ones.
    const comment = r() < (s <= 2 ? 0.85 : 0.3) ? pick(r, words) : undefined;
    // Some also rate the dimensions (ADR 050), near their overall score; speed and waiting suffer most when it went badly.
    const near = (bias: number) => Math.max(1, Math.min(5, Math.round(s + bias + (r() - 0.5) * 2)));
    const dimensions = r() < 0.6 ? { clarity: near(0.3), speed: near(s <= 3 ? -0.8 : 0), conduct: near(0.5), ...(subject === 'report' ? { waiting: near(-0.5) } : {}), ...(stage !== 'filed' ? { result: near(0) } : {}) } : {};
    ratings.push({ userId, subject, subjectId, stage, score: s, comment, at: activityAt(r, from, until, now), dimensions });
  };

  // Reports: an on-time answer that closed the report pleases; a late one, a reopening or a report still open less.
  const answered = await sql<{ id: number; authorId: string; status: string; createdAt: string; moderatedAt: string; answeredAt: string; onTime: boolean | null; reopened: boolean }[]>`
    SELECT r.id::int, r.author_id AS "authorId", r.status::text, r.created_at AS "createdAt", r.moderated_at AS "moderatedAt", r.answered_at AS "answeredAt",
      (SELECT (e.data->>'onTime')::boolean FROM report_events e WHERE e.report_id = r.id AND e.kind = 'answered' ORDER BY e.id DESC LIMIT 1) AS "onTime",
      EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.kind = 'reopened') AS reopened
    FROM reports r WHERE r.answered_at IS NOT NULL AND r.author_id IS NOT NULL ORDER BY r.id`;
  for (const a of answered) {
    const closed = a.status === 'closed';
    const weights: [number, number, number, number, number] =
      closed && !a.reopened ? (a.onTime === false ? [0.5, 1.5, 3, 3, 1.5] : [0.2, 0.4, 1.2, 4, 5]) : closed ? [0.6, 1.5, 3, 2, 1] : a.status === 'answered' && !a.reopened ? [0.5, 1, 2, 3, 2.5] : [4, 3, 1.5, 0.3, 0.1];
    // Filing is easy for most; the check is rated as it felt before the answer came.
    rate(0.2, 'report', 'filed', a.authorId, a.id, [0.1, 0.3, 1, 3, 4], a.createdAt, 2 * HOUR);
    if (a.moderatedAt) rate(0.15, 'report', 'moderated', a.authorId, a.id, [0.4, 0.8, 2, 3, 2], a.moderatedAt, DAY);
    rate(0.65, 'report', 'answered', a.authorId, a.id, weights, a.answeredAt, 4 * DAY);
  }

  // Ideas: authors hear the experts' verdict.
  const assessed = await sql<{ id: number; authorId: string; verdict: string; at: string }[]>`
    SELECT i.id::int, i.author_id AS "authorId", a.verdict::text, a.created_at AS at
    FROM ideas i JOIN idea_assessments a ON a.idea_id = i.id WHERE i.author_id IS NOT NULL ORDER BY i.id`;
  for (const a of assessed) {
    const weights: [number, number, number, number, number] = a.verdict === 'recommend' ? [0.1, 0.2, 1, 3, 4] : a.verdict === 'needs_work' ? [0.5, 1.5, 3, 2, 0.5] : [3, 3, 1.5, 0.5, 0.2];
    rate(0.7, 'idea', 'reviewed', a.authorId, a.id, weights, a.at, 5 * DAY);
  }

  // Ballots: some voters say how voting went, soon after casting (a cast's time is its points credit's).
  const casts = await sql<{ ballotId: number; userId: string; at: string }[]>`
    SELECT ballot_id AS "ballotId", user_id AS "userId", created_at AS at FROM points_ledger WHERE reason = 'ballot' AND ballot_id IS NOT NULL ORDER BY ballot_id, created_at, user_id`;
  for (const c of casts) rate(0.2, 'ballot', 'cast', c.userId, c.ballotId, [0.3, 0.5, 1.5, 3.5, 4], c.at, 2 * DAY);

  for (let i = 0; i < ratings.length; i += 8) {
    await Promise.all(
      ratings.slice(i, i + 8).map(async (x) => {
        const given = await giveFeedback(x.userId, { subject: x.subject, subjectId: x.subjectId, stage: x.stage, score: x.score, comment: x.comment, clarity: x.dimensions.clarity, speed: x.dimensions.speed, conduct: x.dimensions.conduct, waiting: x.dimensions.waiting, result: x.dimensions.result });
        if (!given.ok) throw new Error(`seed feedback: ${x.subject} ${x.subjectId} failed: ${JSON.stringify(given.errors)}`);
      }),
    );
  }
  await sql`UPDATE feedback f SET created_at = v.at
    FROM jsonb_to_recordset(${JSON.stringify(ratings.map((x) => ({ user_id: x.userId, subject: x.subject, subject_id: x.subjectId, stage: x.stage, at: x.at })))}::jsonb)
      AS v(user_id uuid, subject feedback_subject, subject_id bigint, stage feedback_stage, at timestamptz)
    WHERE f.user_id = v.user_id AND f.subject = v.subject AND f.subject_id = v.subject_id AND f.stage = v.stage`;
  return 'seeded';
}
