import { describe, expect, it } from 'vitest';
import { checkAnswers, definitionProblems, keepVisible, nextSection, pathOf, readAnswer } from './logic';
import type { Definition, Question } from './schemas';

const label = (en: string) => ({ ru: en, en });
const yesNo: Question = { id: 'q1', kind: 'single', text: label('Do you cycle?'), required: true, options: [{ id: 'o1', label: label('Yes') }, { id: 'o2', label: label('No') }] };
const definition: Definition = {
  sections: [
    { id: 's1', title: label('One'), questions: [yesNo], jumps: [{ question: 'q1', anyOf: ['o2'], to: 's3' }] },
    { id: 's2', title: label('Two'), questions: [{ id: 'q2', kind: 'short', text: label('Which route?'), required: true }], jumps: [] },
    { id: 's3', title: label('Three'), questions: [{ id: 'q3', kind: 'scale', scale: '1-5', text: label('Lanes?'), required: true }, { id: 'q4', kind: 'long', text: label('Why cycle?'), required: false, showIf: { question: 'q1', anyOf: ['o1'] } }], jumps: [] },
  ],
};

describe('survey logic', () => {
  it('jumps over a section and hides a question by an earlier answer', () => {
    const no = pathOf(definition, { q1: 'o2' });
    expect(no.sections.map((s) => s.id)).toEqual(['s1', 's3']);
    expect([...no.visible]).toEqual(['q1', 'q3']);
    const yes = pathOf(definition, { q1: 'o1' });
    expect(yes.sections.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect([...yes.visible]).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(nextSection(definition, { q1: 'o2' }, 's1')?.id).toBe('s3');
    expect(nextSection(definition, { q1: 'o2' }, 's3')).toBeNull();
  });

  it('re-checks the whole set: a hidden question answered and a seen required one missing are refused', () => {
    expect(checkAnswers(definition, { q1: 'o2', q3: 4 })).toEqual({});
    expect(checkAnswers(definition, { q1: 'o2', q3: 4, q2: 'Main street' })).toEqual({ q2: 'surveys.hiddenAnswered' });
    expect(checkAnswers(definition, { q1: 'o2', q3: 4, q4: 'fun' })).toEqual({ q4: 'surveys.hiddenAnswered' });
    expect(checkAnswers(definition, { q1: 'o1', q3: 4 })).toEqual({ q2: 'surveys.required' });
    expect(checkAnswers(definition, { q1: 'o1', q2: 'x', q3: 6 })).toEqual({ q3: 'errors.range?min=1&max=5' });
    expect(checkAnswers(definition, { q1: 'o3', q3: 1 })).toMatchObject({ q1: 'errors.choice' });
  });

  it('drops answers a changed earlier answer no longer asks', () => {
    expect(keepVisible(definition, { q1: 'o2', q2: 'Main street', q3: 2, q4: 'fun' })).toEqual({ q1: 'o2', q3: 2 });
  });

  it('reads each kind from the form, and refuses what is not its kind', () => {
    const get = (fields: Record<string, string[]>) => (name: string) => fields[name] ?? [];
    const ranking: Question = { id: 'q5', kind: 'ranking', text: label('Order'), required: true, options: [{ id: 'o1', label: label('A') }, { id: 'o2', label: label('B') }] };
    expect(readAnswer(ranking, get({ 'q5.o1': ['2'], 'q5.o2': ['1'] }))).toEqual({ value: ['o2', 'o1'] });
    expect(readAnswer(ranking, get({ 'q5.o1': ['1'], 'q5.o2': ['1'] }))).toEqual({ error: 'surveys.rankEachOnce' });
    const multiple: Question = { id: 'q6', kind: 'multiple', other: true, text: label('Which'), required: false, options: [{ id: 'o1', label: label('A') }, { id: 'o2', label: label('B') }] };
    expect(readAnswer(multiple, get({ q6: ['o2', 'other'], 'q6.other': ['C'] }))).toEqual({ value: { choices: ['o2'], other: 'C' } });
    expect(readAnswer(multiple, get({}))).toEqual({});
    expect(readAnswer(multiple, get({ q6: ['o1', 'o1'] }))).toEqual({ error: 'errors.choice' });
    const matrix: Question = { id: 'q7', kind: 'matrix', scale: '0-10', text: label('Rate'), required: true, rows: [{ id: 'r1', label: label('A') }, { id: 'r2', label: label('B') }] };
    expect(readAnswer(matrix, get({ 'q7.r1': ['0'], 'q7.r2': ['10'] }))).toEqual({ value: { r1: 0, r2: 10 } });
    expect(readAnswer(matrix, get({ 'q7.r1': ['0'] }))).toEqual({ error: 'surveys.everyRow' });
    const date: Question = { id: 'q8', kind: 'date', text: label('When'), required: true };
    expect(readAnswer(date, get({ q8: ['2026-02-29'] })).error).toBe('errors.day');
    expect(readAnswer(date, get({}))).toEqual({ error: 'surveys.required' });
  });

  it('finds conditions that look forward or at a text question, and jumps backwards', () => {
    const bad: Definition = structuredClone(definition);
    bad.sections[0]!.questions.push({ id: 'q9', kind: 'short', text: label('Same page'), required: false, showIf: { question: 'q1', anyOf: ['o1'] } });
    expect(definitionProblems(bad)).toContain('surveys.problem.condition');
    const back: Definition = structuredClone(definition);
    back.sections[2]!.jumps.push({ question: 'q1', anyOf: ['o1'], to: 's1' });
    expect(definitionProblems(back)).toContain('surveys.problem.jumpBack');
    expect(definitionProblems(definition)).toEqual([]);
  });
});
