// The survey builder: details, sections, questions and jumps of a draft, then publishing. Every change locks the
// survey row and refuses unless it is still a draft, so what residents answer never changes under them; each change
// is one transaction with its audit entry.
import { eq, sql as dsql } from 'drizzle-orm';
import { districts, surveys } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { wallClockToInstant } from '#app/utils/time-zone';
import { recordAudit } from '#app/modules/audit/index.server';
import { definitionProblems } from './logic';
import { definitionSchema, optionKinds, type Definition, type Question, type QuestionFormInput, type SurveyDetailsInput } from './schemas';

type Errors = Partial<Record<string, MessageKey>>;
const notEditable: Errors = { form: 'surveys.notEditable' };

async function lockDraft(tx: Tx, surveyId: number) {
  const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update');
  return survey?.status === 'draft' ? { ...survey, definition: definitionSchema.parse(survey.definition) } : null;
}

/** The details as columns: the city's wall-clock times as instants, an unknown district refused. */
async function detailsColumns(tx: Tx, input: SurveyDetailsInput): Promise<Result<Partial<typeof surveys.$inferInsert>, Errors>> {
  const opensAt = input.opensAt ? wallClockToInstant(input.opensAt, env.CITY_TIMEZONE) : null;
  const closesAt = input.closesAt ? wallClockToInstant(input.closesAt, env.CITY_TIMEZONE) : null;
  if (input.opensAt && !opensAt) return { ok: false, errors: { opensAt: 'surveys.dateFormat' } };
  if (input.closesAt && !closesAt) return { ok: false, errors: { closesAt: 'surveys.dateFormat' } };
  if (opensAt && closesAt && opensAt >= closesAt) return { ok: false, errors: { closesAt: 'surveys.closesBeforeOpens' } };
  const districtIds = [...new Set(input.districtIds)];
  if (districtIds.length) {
    const found = await tx.select({ id: districts.id }).from(districts).where(dsql`${districts.id} IN ${districtIds}`);
    if (found.length !== districtIds.length) return { ok: false, errors: { districtIds: 'errors.choice' } };
  }
  const { opensAt: _o, closesAt: _c, ...rest } = input;
  return { ok: true, value: { ...rest, districtIds, opensAt, closesAt, minAge: input.minAge ?? null, maxAge: input.maxAge ?? null, departmentId: input.departmentId ?? null, updatedAt: new Date() } };
}

export async function createSurvey(actorId: string, input: SurveyDetailsInput): Promise<Result<{ id: number }, Errors>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }, Errors>> => {
    const columns = await detailsColumns(tx, input);
    if (!columns.ok) return columns;
    const definition: Definition = { sections: [{ id: 's1', title: { ru: 'Вопросы', en: 'Questions' }, questions: [], jumps: [] }] };
    const [row] = await tx.insert(surveys).values({ titleRu: input.titleRu, titleEn: input.titleEn, descriptionRu: input.descriptionRu, descriptionEn: input.descriptionEn, ...columns.value, definition, createdBy: actorId }).returning({ id: surveys.id });
    await recordAudit(tx, { actorId, action: 'survey.create', targetType: 'survey', targetId: row!.id, after: input });
    return { ok: true, value: { id: row!.id } };
  });
}

export async function saveSurveyDetails(actorId: string, surveyId: number, input: SurveyDetailsInput): Promise<Result<null, Errors>> {
  return db.transaction(async (tx): Promise<Result<null, Errors>> => {
    const before = await lockDraft(tx, surveyId);
    if (!before) return { ok: false, errors: notEditable };
    const columns = await detailsColumns(tx, input);
    if (!columns.ok) return columns;
    await tx.update(surveys).set(columns.value).where(eq(surveys.id, surveyId));
    await recordAudit(tx, { actorId, action: 'survey.edit', targetType: 'survey', targetId: surveyId, before: { ...before, definition: undefined }, after: input });
    return { ok: true, value: null };
  });
}

/** Applies one change to a draft's definition; the result must still be a well-formed definition. */
async function changeDefinition(actorId: string, surveyId: number, action: string, change: (d: Definition) => Result<Definition, Errors>): Promise<Result<Definition, Errors>> {
  return db.transaction(async (tx): Promise<Result<Definition, Errors>> => {
    const survey = await lockDraft(tx, surveyId);
    if (!survey) return { ok: false, errors: notEditable };
    const changed = change(structuredClone(survey.definition));
    if (!changed.ok) return changed;
    const parsed = definitionSchema.safeParse(changed.value);
    if (!parsed.success) return { ok: false, errors: { form: 'surveys.problem.shape' } };
    await tx.update(surveys).set({ definition: parsed.data, updatedAt: new Date() }).where(eq(surveys.id, surveyId));
    await recordAudit(tx, { actorId, action, targetType: 'survey', targetId: surveyId, before: survey.definition, after: parsed.data });
    return { ok: true, value: parsed.data };
  });
}

const nextId = (prefix: string, ids: string[]) => `${prefix}${Math.max(0, ...ids.map((id) => Number(id.slice(1)))) + 1}`;
const allQuestions = (d: Definition) => d.sections.flatMap((s) => s.questions);

export function addSection(actorId: string, surveyId: number, title: { ru: string; en: string }) {
  return changeDefinition(actorId, surveyId, 'survey.add-section', (d) => {
    d.sections.push({ id: nextId('s', d.sections.map((s) => s.id)), title, questions: [], jumps: [] });
    return { ok: true, value: d };
  });
}

/** Lines "Русский | English" (or one text for both) as options or rows with ids o1…, r1…. */
function labelled(lines: string[], prefix: 'o' | 'r') {
  return lines.map((line, i) => {
    const [ru, en] = line.split('|').map((p) => p.trim());
    return { id: `${prefix}${i + 1}`, label: { ru: ru!, en: en || ru! } };
  });
}

export function addQuestion(actorId: string, surveyId: number, input: QuestionFormInput) {
  return changeDefinition(actorId, surveyId, 'survey.add-question', (d) => {
    const section = d.sections.find((s) => s.id === input.sectionId);
    if (!section) return { ok: false, errors: { sectionId: 'errors.choice' } };
    const q: Question = {
      id: nextId('q', allQuestions(d).map((x) => x.id)),
      kind: input.kind,
      text: { ru: input.textRu, en: input.textEn },
      required: input.required,
      ...(input.helpRu || input.helpEn ? { help: { ru: input.helpRu ?? '', en: input.helpEn ?? '' } } : {}),
    };
    if ((optionKinds as readonly string[]).includes(input.kind)) {
      if (input.options.length < 2) return { ok: false, errors: { options: 'surveys.problem.options' } };
      q.options = labelled(input.options, 'o');
    }
    if (input.kind === 'multiple' && input.other) q.other = true;
    if (input.kind === 'scale' || input.kind === 'matrix') q.scale = input.scale ?? '1-5';
    if (input.kind === 'matrix') {
      if (input.rows.length < 1) return { ok: false, errors: { rows: 'surveys.problem.rows' } };
      q.rows = labelled(input.rows, 'r');
    }
    if (input.kind === 'number') {
      if (input.min !== undefined) q.min = input.min;
      if (input.max !== undefined) q.max = input.max;
      if (input.min !== undefined && input.max !== undefined && input.min > input.max) return { ok: false, errors: { max: 'surveys.problem.bounds' } };
    }
    if (input.kind === 'photo' && section.questions.some((x) => x.kind === 'photo')) return { ok: false, errors: { kind: 'surveys.problem.onePhoto' } };
    if (input.showIf) {
      const match = /^(q\d{1,4})\s*=\s*(o\d{1,4}(?:\s*,\s*o\d{1,4})*)$/.exec(input.showIf);
      if (!match) return { ok: false, errors: { showIf: 'surveys.problem.condition' } };
      q.showIf = { question: match[1]!, anyOf: match[2]!.split(',').map((s) => s.trim()) };
    }
    section.questions.push(q);
    // A condition must name a choice question of an earlier section, with its options.
    if (definitionProblems(d).includes('surveys.problem.condition')) return { ok: false, errors: { showIf: 'surveys.problem.condition' } };
    return { ok: true, value: d };
  });
}

export function removeQuestion(actorId: string, surveyId: number, questionId: string) {
  return changeDefinition(actorId, surveyId, 'survey.remove-question', (d) => {
    const used = allQuestions(d).some((q) => q.showIf?.question === questionId) || d.sections.some((s) => s.jumps.some((j) => j.question === questionId));
    if (used) return { ok: false, errors: { form: 'surveys.problem.usedByLogic' } };
    for (const s of d.sections) s.questions = s.questions.filter((q) => q.id !== questionId);
    return { ok: true, value: d };
  });
}

export function addJump(actorId: string, surveyId: number, input: { sectionId: string; question: string; option: string; to: string }) {
  return changeDefinition(actorId, surveyId, 'survey.add-jump', (d) => {
    const section = d.sections.find((s) => s.id === input.sectionId);
    if (!section) return { ok: false, errors: { sectionId: 'errors.choice' } };
    section.jumps.push({ question: input.question, anyOf: [input.option], to: input.to });
    const problems = definitionProblems(d);
    if (problems.includes('surveys.problem.condition')) return { ok: false, errors: { question: 'surveys.problem.condition' } };
    if (problems.includes('surveys.problem.jumpBack')) return { ok: false, errors: { to: 'surveys.problem.jumpBack' } };
    return { ok: true, value: d };
  });
}

/** Publishes a draft: its definition complete and consistent, its dates set and the close still ahead. */
export async function publishSurvey(actorId: string, surveyId: number): Promise<Result<null, Errors>> {
  return db.transaction(async (tx): Promise<Result<null, Errors>> => {
    const survey = await lockDraft(tx, surveyId);
    if (!survey) return { ok: false, errors: notEditable };
    if (!survey.opensAt || !survey.closesAt) return { ok: false, errors: { form: 'surveys.needsDates' } };
    if (survey.closesAt.getTime() <= Date.now()) return { ok: false, errors: { form: 'surveys.closesInPast' } };
    const [problem] = definitionProblems(survey.definition);
    if (problem) return { ok: false, errors: { form: problem } };
    await tx.update(surveys).set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() }).where(eq(surveys.id, surveyId));
    await recordAudit(tx, { actorId, action: 'survey.publish', targetType: 'survey', targetId: surveyId, after: { opensAt: survey.opensAt, closesAt: survey.closesAt } });
    return { ok: true, value: null };
  });
}
