// A survey's conditional logic and the reading of its answers, shared by the page (what to show next) and the server
// (the final word): which sections a resident passes through and which questions they see follow only from the
// answers of earlier sections, so a page without JavaScript can be drawn from what the server already knows.
import type { MessageKey } from '#app/utils/i18n';
import { answerValueSchema, choiceKinds, scales, type AnswerValue, type Answers, type Definition, type Question, type Section } from './schemas';

type Condition = { question: string; anyOf: string[] };

/** Does an answer to a choice question pick one of `anyOf`. */
export function picks(answer: AnswerValue | undefined, anyOf: string[]): boolean {
  if (typeof answer === 'string') return anyOf.includes(answer);
  if (answer && typeof answer === 'object' && 'choices' in answer && Array.isArray(answer.choices)) return answer.choices.some((c) => anyOf.includes(c));
  return false;
}

export type Path = { sections: Section[]; visible: Set<string> };

/**
 * The sections a resident passes through and the questions they see, given their answers: each section in turn,
 * its questions shown unless their condition fails, then the first jump whose condition holds (jumps go forward
 * only, so this ends).
 */
export function pathOf(definition: Definition, answers: Answers): Path {
  const sections: Section[] = [];
  const visible = new Set<string>();
  const holds = (c: Condition) => visible.has(c.question) && picks(answers[c.question], c.anyOf);
  let i = 0;
  while (i < definition.sections.length) {
    const section = definition.sections[i]!;
    sections.push(section);
    for (const q of section.questions) if (!q.showIf || holds(q.showIf)) visible.add(q.id);
    const jump = section.jumps.find(holds);
    i = !jump ? i + 1 : jump.to === 'end' ? definition.sections.length : definition.sections.findIndex((s) => s.id === jump.to);
  }
  return { sections, visible };
}

/** The section after `sectionId` on the resident's path, or null when it is the last. */
export function nextSection(definition: Definition, answers: Answers, sectionId: string): Section | null {
  const { sections } = pathOf(definition, answers);
  const at = sections.findIndex((s) => s.id === sectionId);
  return at >= 0 ? (sections[at + 1] ?? null) : null;
}

/** The section before `sectionId` on the resident's path (the "back" link). */
export function previousSection(definition: Definition, answers: Answers, sectionId: string): Section | null {
  const { sections } = pathOf(definition, answers);
  const at = sections.findIndex((s) => s.id === sectionId);
  return at > 0 ? sections[at - 1]! : null;
}

/** Only the answers of questions still seen: changing an earlier answer drops what a new path no longer asks. */
export function keepVisible(definition: Definition, answers: Answers): Answers {
  const { visible } = pathOf(definition, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
}

export type AnswerErrors = Partial<Record<string, MessageKey | string>>;

/**
 * The whole answer set against the definition and its logic: every seen required question answered, every answer of
 * its kind's shape and within its bounds, and no answer to a question the logic hides (or that does not exist).
 */
export function checkAnswers(definition: Definition, answers: Answers): AnswerErrors {
  const { sections, visible } = pathOf(definition, answers);
  const errors: AnswerErrors = {};
  for (const id of Object.keys(answers)) if (!visible.has(id)) errors[id] = 'surveys.hiddenAnswered';
  for (const q of sections.flatMap((s) => s.questions)) {
    if (!visible.has(q.id)) continue;
    const value = answers[q.id];
    if (value === undefined) {
      if (q.required) errors[q.id] = 'surveys.required';
      continue;
    }
    const parsed = answerValueSchema(q).safeParse(value);
    if (!parsed.success) errors[q.id] = parsed.error.issues[0]!.message;
  }
  return errors;
}

/** Every value of a form field, read from the page's form (`name` → values). */
export type FormValues = (name: string) => string[];

/**
 * One question's answer as the section page sends it: undefined when left empty, else the canonical value or the
 * message key of what is wrong. Field names: q1; q1.other; q1.o2 (the rank of option o2); q1.r2 (row r2); q1.lat, q1.lng.
 * A photo is stored before this is called: its id comes as `photoId`.
 */
export function readAnswer(q: Question, get: FormValues, photoId?: string): { value?: AnswerValue; error?: string } {
  const one = (name: string) => (get(name)[0] ?? '').trim();
  let candidate: unknown;
  switch (q.kind) {
    case 'single':
    case 'date':
    case 'short':
    case 'long':
      candidate = one(q.id) || undefined;
      break;
    case 'multiple': {
      const choices = get(q.id).filter((v) => v !== '' && v !== 'other');
      const otherTicked = get(q.id).includes('other');
      const other = one(`${q.id}.other`);
      if (otherTicked && !other) return { error: 'surveys.otherEmpty' };
      if (!choices.length && !otherTicked) candidate = undefined;
      else candidate = { choices, ...(otherTicked ? { other } : {}) };
      break;
    }
    case 'scale':
    case 'number': {
      const raw = one(q.id);
      if (!raw) candidate = undefined;
      else if (!/^-?\d{1,10}$/.test(raw)) return { error: 'errors.number' };
      else candidate = Number(raw);
      break;
    }
    case 'ranking': {
      const ranks = (q.options ?? []).map((o) => ({ id: o.id, rank: one(`${q.id}.${o.id}`) }));
      if (ranks.every((r) => !r.rank)) candidate = undefined;
      else if (ranks.some((r) => !/^\d{1,2}$/.test(r.rank))) return { error: 'surveys.rankAll' };
      else {
        const sorted = [...ranks].sort((a, b) => Number(a.rank) - Number(b.rank));
        if (sorted.some((r, i) => Number(r.rank) !== i + 1)) return { error: 'surveys.rankEachOnce' };
        candidate = sorted.map((r) => r.id);
      }
      break;
    }
    case 'matrix': {
      const cells = (q.rows ?? []).map((r) => [r.id, one(`${q.id}.${r.id}`)] as const);
      if (cells.every(([, v]) => !v)) candidate = undefined;
      else if (cells.some(([, v]) => !/^\d{1,2}$/.test(v))) return { error: 'surveys.everyRow' };
      else candidate = Object.fromEntries(cells.map(([id, v]) => [id, Number(v)]));
      break;
    }
    case 'point': {
      const [lat, lng] = [one(`${q.id}.lat`), one(`${q.id}.lng`)];
      if (!lat && !lng) candidate = undefined;
      else if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(lat) || !/^-?\d{1,3}(\.\d{1,8})?$/.test(lng)) return { error: 'surveys.point' };
      else candidate = { lat: Number(lat), lng: Number(lng) };
      break;
    }
    case 'photo':
      candidate = photoId ?? (one(`${q.id}.kept`) || undefined);
      break;
  }
  if (candidate === undefined) return q.required ? { error: 'surveys.required' } : {};
  const parsed = answerValueSchema(q).safeParse(candidate);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]!.message };
}

/** The form field names a question's answer may arrive under (to tell a hidden question's answer apart). */
export function fieldNamesOf(q: Question): string[] {
  switch (q.kind) {
    case 'multiple':
      return [q.id, `${q.id}.other`];
    case 'ranking':
      return (q.options ?? []).map((o) => `${q.id}.${o.id}`);
    case 'matrix':
      return (q.rows ?? []).map((r) => `${q.id}.${r.id}`);
    case 'point':
      return [`${q.id}.lat`, `${q.id}.lng`];
    case 'photo':
      return [q.id, `${q.id}.kept`];
    default:
      return [q.id];
  }
}

/**
 * What is wrong with a definition beyond its shape: ids unique; a question's condition names a choice question of an
 * earlier section and its options; a jump's condition names a choice question of its own or an earlier section, and
 * goes to a later section or the end; options, rows and scales where a kind needs them; one photo question a section.
 */
export function definitionProblems(definition: Definition): MessageKey[] {
  const problems = new Set<MessageKey>();
  const seen = new Map<string, { q: Question; section: number }>();
  const sectionIds = definition.sections.map((s) => s.id);
  if (new Set(sectionIds).size !== sectionIds.length) problems.add('surveys.problem.duplicateId');
  const refersBack = (c: Condition, before: number) => {
    const target = seen.get(c.question);
    return !!target && target.section < before && (choiceKinds as readonly string[]).includes(target.q.kind) && c.anyOf.every((o) => target.q.options?.some((x) => x.id === o));
  };
  definition.sections.forEach((section, index) => {
    if (section.questions.filter((q) => q.kind === 'photo').length > 1) problems.add('surveys.problem.onePhoto');
    for (const q of section.questions) {
      if (seen.has(q.id)) problems.add('surveys.problem.duplicateId');
      if (q.showIf && !refersBack(q.showIf, index)) problems.add('surveys.problem.condition');
      if ((['single', 'multiple', 'ranking'] as string[]).includes(q.kind) && (q.options?.length ?? 0) < 2) problems.add('surveys.problem.options');
      if (q.kind === 'matrix' && (q.rows?.length ?? 0) < 1) problems.add('surveys.problem.rows');
      if ((q.kind === 'scale' || q.kind === 'matrix') && !q.scale) problems.add('surveys.problem.scale');
      if (q.kind === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) problems.add('surveys.problem.bounds');
      seen.set(q.id, { q, section: index });
    }
    for (const jump of section.jumps) {
      if (!refersBack(jump, index + 1)) problems.add('surveys.problem.condition');
      const to = sectionIds.indexOf(jump.to);
      if (jump.to !== 'end' && to <= index) problems.add('surveys.problem.jumpBack');
    }
  });
  if (!definition.sections.some((s) => s.questions.length > 0)) problems.add('surveys.problem.empty');
  return [...problems];
}

/** The range of a scale question's or matrix's answers. */
export function scaleRange(q: Question): number[] {
  const [min, max] = scales[q.scale ?? '1-5'];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** Net Promoter Score of a 0–10 question: promoters (9–10) minus detractors (0–6), in percent of answers. */
export function netPromoterScore(q: Question, r: { answered: number; counts: Record<string, number> }): number | null {
  if (q.kind !== 'scale' || q.scale !== '0-10' || !r.answered) return null;
  const n = (from: number, to: number) => scaleRange(q).filter((v) => v >= from && v <= to).reduce((a, v) => a + (r.counts[String(v)] ?? 0), 0);
  return Math.round(((n(9, 10) - n(0, 6)) / r.answered) * 100);
}
