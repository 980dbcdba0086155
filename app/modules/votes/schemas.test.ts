import { describe, expect, it } from 'vitest';
import { parseForm } from '#app/utils/forms';
import { translator } from '#app/utils/i18n.server';
import { ballotDetailsSchema } from './schemas';

const details = (opensAt: string, closesAt: string) => {
  const data = new FormData();
  const fields = { titleRu: 'Парк', titleEn: 'Park', descriptionRu: 'Какой парк', descriptionEn: 'Which park', opensAt, closesAt };
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('ballot details', () => {
  it('reads the opening and closing times in the city’s time zone, not a fixed offset', () => {
    const ny = parseForm(ballotDetailsSchema('America/New_York'), details('2027-07-01T09:00', '2027-12-01T09:00'), translator('en'), ['districtIds']);
    expect(ny.ok && [ny.data.opensAt.toISOString(), ny.data.closesAt.toISOString()]).toEqual(['2027-07-01T13:00:00.000Z', '2027-12-01T14:00:00.000Z']);
    const moscow = parseForm(ballotDetailsSchema('Europe/Moscow'), details('2027-07-01T09:00', '2027-12-01T09:00'), translator('en'), ['districtIds']);
    expect(moscow.ok && [moscow.data.opensAt.toISOString(), moscow.data.closesAt.toISOString()]).toEqual(['2027-07-01T06:00:00.000Z', '2027-12-01T06:00:00.000Z']);
  });

  it('names the field whose time the clocks skip, in the reader’s language', () => {
    const en = parseForm(ballotDetailsSchema('Europe/Berlin'), details('2027-03-28T02:30', '2027-04-01T10:00'), translator('en'), ['districtIds']);
    expect(en).toMatchObject({ ok: false, errors: { opensAt: 'The city’s clocks skip this time (they go forward): choose another' } });
    const ru = parseForm(ballotDetailsSchema('Europe/Berlin'), details('2027-03-20T10:00', '2027-03-28T02:15'), translator('ru'), ['districtIds']);
    expect(ru).toMatchObject({ ok: false, errors: { closesAt: 'В городе нет такого времени (часы переводят вперёд): выберите другое' } });
  });

  it('takes the first of a time the autumn change repeats, and still wants the close after the opening', () => {
    // Berlin, 31 October 2027: 02:30 and 02:45 happen twice; the first ones are 00:30Z and 00:45Z.
    const repeated = parseForm(ballotDetailsSchema('Europe/Berlin'), details('2027-10-31T02:30', '2027-10-31T02:45'), translator('en'), ['districtIds']);
    expect(repeated.ok && [repeated.data.opensAt.toISOString(), repeated.data.closesAt.toISOString()]).toEqual(['2027-10-31T00:30:00.000Z', '2027-10-31T00:45:00.000Z']);
    const backwards = parseForm(ballotDetailsSchema('Europe/Berlin'), details('2027-10-31T03:00', '2027-10-31T02:30'), translator('en'), ['districtIds']);
    expect(backwards).toMatchObject({ ok: false, errors: { closesAt: 'The closing time must be after the opening time' } });
  });
});
