// The inputs an attacker found answering 500: integers beyond a Postgres integer, NUL bytes in search words,
// days that do not exist. Each must be refused as a 4xx that says which field is wrong, never reach the database.
import { afterAll, describe, expect, it } from 'vitest';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';

afterAll(closeConnections);

// One past the largest `serial`, and far past it.
const tooBig = ['2147483648', '9999999999', '99999999999999'];

async function refused(response: Response, what: string) {
  const body = await response.text();
  expect(response.status, `${what}: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what}: ${body.slice(0, 300)}`).toBeLessThan(500);
  return body;
}

describe('integers beyond an integer column', () => {
  it('the public API answers 400 naming the parameter, for filters and ids alike', async () => {
    const browser = new Browser();
    for (const n of tooBig) {
      const list = await browser.get(`/api/v1/reports?category=${n}`);
      const listBody = await refused(list, `/api/v1/reports?category=${n}`);
      expect(list.status).toBe(400);
      expect((JSON.parse(listBody) as { error: { fields: Record<string, string> } }).error.fields.category).toBe('Must be a whole number from 1 to 2147483647');
      for (const path of ['ballots', 'decisions', 'projects', 'reports', 'ideas']) {
        const one = await browser.get(`/api/v1/${path}/${n}`);
        const body = await refused(one, `/api/v1/${path}/${n}`);
        expect(one.status).toBe(400);
        expect((JSON.parse(body) as { error: { fields: Record<string, string> } }).error.fields.id).toMatch(/2147483647/);
      }
    }
    const ideas = await browser.get('/api/v1/ideas?project=2147483648');
    expect(ideas.status).toBe(400);
    expect((JSON.parse(await ideas.text()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('project');
  });

  it('the map answers 400 for a category or district beyond an integer', async () => {
    const browser = new Browser();
    for (const filter of ['category', 'district']) {
      const response = await browser.get(`/reports/map.json?west=37.5&south=55.7&east=37.7&north=55.8&zoom=12&${filter}=2147483648`);
      const body = await refused(response, `map ${filter}`);
      expect(response.status).toBe(400);
      expect((JSON.parse(body) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(filter);
    }
  });

  it('pages with id filters answer 400 naming the parameter, and keep working with good ones', async () => {
    const browser = new Browser();
    for (const path of ['/reports?category=2147483648', '/reports?district=abc', '/reports?before=1e3']) {
      const response = await browser.get(path);
      const body = await refused(response, path);
      expect(response.status, path).toBe(400);
      expect(body, path).toContain('Some parts of the address are not valid:');
    }
    expect((await browser.get('/reports?category=1&district=&before=')).status).toBe(200);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    for (const path of ['/admin/audit?before=x', '/admin/departments?edit=99999999999', '/admin/categories?edit=-1']) expect((await admin.get(path)).status, path).toBe(400);
    for (const path of ['/admin/audit?before=99999999999', '/admin/departments?edit=1', '/admin/categories?edit=']) expect((await admin.get(path)).status, path).toBe(200);
  });

  it('rating a ballot with an id beyond an integer is refused as a form error', async () => {
    const { browser } = await newResident('bounds');
    const response = await browser.post('/feedback', { subject: 'ballot', subjectId: '2147483648', score: '4', redirectTo: '/me' });
    const body = await refused(response, 'POST /feedback subject=ballot');
    expect(response.status).toBe(400);
    expect(body).toContain('Error');
  });
});

describe('NUL bytes in search words', () => {
  it('the ideas API answers 400 naming the tag', async () => {
    const response = await new Browser().get('/api/v1/ideas?tag=%00');
    const body = await refused(response, '/api/v1/ideas?tag=%00');
    expect(response.status).toBe(400);
    expect((JSON.parse(body) as { error: { fields: Record<string, string> } }).error.fields.tag).toMatch(/control characters/);
  });

  it('a project\'s page, its similar-ideas lookup and the people search answer 400 saying which parameter', async () => {
    const browser = new Browser();
    for (const path of ['/projects/parks?q=a%00b', '/projects/parks?tag=%00', '/projects/parks/similar?title=bench%00es']) {
      const response = await browser.get(path);
      const body = await refused(response, path);
      expect(response.status, path).toBe(400);
      expect(body, path).toMatch(/control characters/);
    }
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const people = await admin.get('/admin/users?q=ann%00a');
    const body = await refused(people, '/admin/users?q=%00');
    expect(people.status).toBe(400);
    expect(body).toMatch(/control characters/);
    // Ordinary searches still work.
    expect((await browser.get('/projects/parks?q=bench&tag=trees')).status).toBe(200);
    expect((await admin.get('/admin/users?q=anna')).status).toBe(200);
  });
});

describe('days that do not exist', () => {
  it('removing the holiday of 30 February is a form error, not a 500', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    for (const day of ['2026-02-30', '2026-13-01', '2026-00-10']) {
      const response = await admin.post('/admin/holidays', { intent: 'remove', day });
      const body = await refused(response, `remove holiday ${day}`);
      expect(response.status, day).toBe(400);
      expect(body, day).toContain('Enter a real date as YYYY-MM-DD');
    }
  });
});

describe('one rule for query parameters across /api/v1', () => {
  it('every endpoint refuses a parameter it does not have with 400 naming it, instead of ignoring it', async () => {
    const browser = new Browser();
    for (const path of ['/api/v1/reports', '/api/v1/ballots', '/api/v1/decisions', '/api/v1/projects', '/api/v1/ideas', '/api/v1/departments', '/api/v1/categories', '/api/v1/projects/1']) {
      const response = await browser.get(`${path}?colour=red`);
      const body = await refused(response, path);
      expect(response.status, path).toBe(400);
      expect((JSON.parse(body) as { error: { fields: Record<string, string> } }).error.fields, path).toEqual({ colour: 'Not a parameter of this address' });
    }
    expect((await browser.get('/api/v1/ballots')).status).toBe(200);
  });
});
