// An area's Atom feed (ADR 049): what a feed reader gets for a district or a radius — well-formed Atom (parsed here),
// the area's new reports and answers and nothing from elsewhere, linked from the district's list; bad areas a 400.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { closeConnections } from '#app/utils/shutdown.server';
import { answerReport } from '#app/modules/reports/answer-report.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { Browser, newResident } from '../support/app';
import { departmentByName, placeIn, shortSlaCategory, userIdByEmail } from '../support/reports';
import { districtIdByCode } from '../support/votes';

afterAll(async () => {
  await closeConnections();
});

type AtomEntry = { id: string; title: string; updated: string; summary: string; link: { '@_href': string }[] };
type Atom = { feed: { '@_xmlns': string; id: string; title: string; updated: string; link: { '@_rel': string; '@_href': string }[]; entry?: AtomEntry | AtomEntry[] } };

async function feed(path: string): Promise<Atom['feed']> {
  const response = await new Browser().get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await response.text();
  expect(XMLValidator.validate(xml), path).toBe(true);
  return (new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(xml) as Atom).feed;
}

async function fileApproved(authorId: string, place: { lat: number; lng: number }, description: string) {
  const category = await shortSlaCategory();
  const filed = await submitReport(authorId, { categoryId: category.id, ...place, address: 'Feed street 3', description, confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  const moderator = await userIdByEmail('moderator@demo.vmeste.city');
  expect((await moderateReport(moderator, { intent: 'approve', reportId: filed.value.reportId })).ok).toBe(true);
  return filed.value.reportId;
}

describe('an area’s Atom feed', () => {
  it('lists the district’s new reports and answers, newest first, and none of another district’s', async () => {
    const { email } = await newResident('feed');
    const author = await userIdByEmail(email);
    const mark = Math.random().toString(36).slice(2, 8);
    // A control character and markup in the text: the feed stays well-formed and shows the markup as text.
    const inside = await fileApproved(author, placeIn('zarechny'), `Broken swing <b>${mark}</b>\u0001 in the yard`);
    const outside = await fileApproved(author, placeIn('sadovy'), `Graffiti on the wall ${mark}`);
    // Zarechny's roads go to the northern roads service, whose officer answers.
    await routeReport(inside);
    const north = await departmentByName('Roads service, North');
    const officer = await userIdByEmail('department@demo.vmeste.city');
    const answered = await answerReport(officer, [north.id], inside, `Repaired on Monday ${mark}`, []);
    expect(answered.ok, JSON.stringify(answered)).toBe(true);

    const district = await districtIdByCode('zarechny');
    const atom = await feed(`/reports/feed.atom?district=${district}`);
    expect(atom['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(atom.title).toBe('Reports and answers: Zarechny');
    expect(atom.link.find((l) => l['@_rel'] === 'self')!['@_href']).toMatch(new RegExp(`/reports/feed\\.atom\\?district=${district}$`));
    const entries = [atom.entry ?? []].flat();
    const mine = entries.filter((e) => e.summary.includes(mark));
    expect(mine.map((e) => e.title.replace(/: .*$/, ''))).toEqual([`Answer to report №${inside}`, `New report №${inside}`]);
    expect(mine[0]!.summary).toContain(`Repaired on Monday ${mark}`);
    expect(mine[1]!.summary).toContain(`Broken swing <b>${mark}</b> in the yard`);
    expect(mine[1]!.link[0]!['@_href']).toMatch(new RegExp(`/reports/${inside}$`));
    expect(entries.some((e) => e.link[0]!['@_href'].endsWith(`/reports/${outside}`))).toBe(false);
    expect(Date.parse(atom.updated)).toBeGreaterThanOrEqual(Date.parse(mine[0]!.updated));

    // Within 300 m of the report's own point: it is there; the other district's is not.
    const point = placeIn('zarechny');
    const near = [(await feed(`/reports/feed.atom?lat=${point.lat}&lng=${point.lng}&radius=300`)).entry ?? []].flat();
    expect(near.some((e) => e.link[0]!['@_href'].endsWith(`/reports/${inside}`))).toBe(true);
    expect(near.some((e) => e.link[0]!['@_href'].endsWith(`/reports/${outside}`))).toBe(false);
  });

  it('is named by the district’s report list, and refuses areas that are not one', async () => {
    const district = await districtIdByCode('zarechny');
    const page = await (await new Browser().get(`/reports?district=${district}`)).text();
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" href="/reports/feed.atom?district=${district}"/>`);
    expect(await (await new Browser().get('/reports')).text()).not.toContain('application/atom+xml');

    for (const bad of ['', '?district=abc', '?district=99999999999', '?lat=200&lng=37&radius=500', '?lat=55&lng=37&radius=10', '?lat=55&lng=37', '?district=1&lat=55&lng=37&radius=500']) {
      const response = await new Browser().get(`/reports/feed.atom${bad}`);
      expect(response.status, bad).toBe(400);
    }
    expect((await new Browser().get('/reports/feed.atom?district=2147483647')).status).toBe(404);
  });
});
