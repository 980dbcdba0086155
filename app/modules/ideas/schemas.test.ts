import { describe, expect, it } from 'vitest';
import { ideaSchema, mergeSchema, projectSchema } from './schemas';
import { stages } from './stages';

const dates = (shift = 0) => Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2031-0${i + 1}-01`], [`${s}Ends`, `2031-0${i + 1}-${String(20 + shift).padStart(2, '0')}`]]));

describe('idea form', () => {
  it('turns the tag line into at most five clean tags', () => {
    const ok = ideaSchema.safeParse({ title: 'Ramps at clinic 3', body: 'Wheelchairs cannot get up the steps.', tags: ' Ramps, access,ramps ,  waiting   time ' });
    expect(ok.success && ok.data.tags).toEqual(['ramps', 'access', 'waiting time']);
    expect(ideaSchema.safeParse({ title: 'Ramps at clinic 3', body: 'Wheelchairs cannot get up the steps.', tags: 'a1,b2,c3,d4,e5,f6' }).success).toBe(false);
    expect(ideaSchema.safeParse({ title: 'Ramps at clinic 3', body: 'Wheelchairs cannot get up the steps.', tags: 'x' }).success).toBe(false);
  });
});

describe('project form', () => {
  const base = { slug: 'our-clinics', titleRu: 'Поликлиники', titleEn: 'Clinics', descriptionRu: 'Описание проекта', descriptionEn: 'About the project', districtIds: [] };
  it('accepts stages in order and refuses one that ends before it starts or overlaps the one before', () => {
    expect(projectSchema.safeParse({ ...base, ...dates() }).success).toBe(true);
    const backwards = projectSchema.safeParse({ ...base, ...dates(), reviewingEnds: '2031-01-01' });
    expect(!backwards.success && backwards.error.issues[0]!.path).toEqual(['reviewingEnds']);
    const overlap = projectSchema.safeParse({ ...base, ...dates(), votingStarts: '2031-02-10' });
    expect(!overlap.success && overlap.error.issues[0]!.path).toEqual(['votingStarts']);
    expect(projectSchema.safeParse({ ...base, ...dates(), collectingStarts: '2031-02-30' }).success).toBe(false);
    expect(projectSchema.safeParse({ ...base, ...dates(), slug: 'Our Clinics' }).success).toBe(false);
  });
});

describe('merge form', () => {
  it('refuses to merge the surviving idea into itself', () => {
    expect(mergeSchema.safeParse({ targetId: '5', sourceIds: ['6', '7'] }).success).toBe(true);
    expect(mergeSchema.safeParse({ targetId: '5', sourceIds: ['5'] }).success).toBe(false);
    expect(mergeSchema.safeParse({ targetId: '5', sourceIds: [] }).success).toBe(false);
  });
});
