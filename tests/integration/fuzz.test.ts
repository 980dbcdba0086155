// Property-based: every form and API route gets invalid, oversized, wrongly typed, unicode-edge and
// injection-shaped input. Never a 500; a refusal is a 4xx with field messages; a refused form writes nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { Browser, newResident } from '../support/app';
import { formPath, forms, formTargets, type FormSpec, type FormTargets } from '../support/forms';
import { projectRoot } from '../support/processes';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

const nasty = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  '\ud800',
  '💥'.repeat(300),
  'x'.repeat(100_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '0x10',
  '99999999999999999999999',
  // Just past the largest integer column, and far past it.
  '2147483648',
  '9999999999',
  ' ',
  '\r\n\t',
  '../../etc/passwd',
  '%00',
  'null',
  'true',
  '[]',
  '{"a":1}',
];

/** One field's answer: missing, a nasty constant, any unicode text, or the same field twice. */
const answer = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...nasty),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.constantFrom(...nasty), { minLength: 2, maxLength: 3 }),
);

/** An id-like answer that is never a real row (a fuzzed moderator must not approve the seeded city's reports). */
const fakeId = fc.constantFrom('', 'abc', '-5', '0', '1.5', '999999999', '9'.repeat(40), "1' OR '1'='1");

function formInput(spec: FormSpec) {
  const shape: Record<string, fc.Arbitrary<string | string[] | undefined>> = {};
  for (const field of spec.fields) shape[field] = /Ids?$/.test(field) ? fakeId : answer;
  return fc.record({ fields: fc.record(shape), extraKey: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }) });
}

type Actor = { browser: Browser; id: string | null };
const actors = {} as Record<FormSpec['as'], Actor>;

/** Where an actor's writes land (name, table, the column naming the actor): refused input must change none of them. */
const writes = [
  ['audit', 'audit_log', 'actor_id'],
  ['reports', 'reports', 'author_id'],
  ['events', 'report_events', 'actor_id'],
  ['answers', 'report_answers', 'author_id'],
  ['follows', 'report_followers', 'user_id'],
  ['ideas', 'ideas', 'author_id'],
  ['comments', 'idea_comments', 'author_id'],
  ['supports', 'idea_supports', 'user_id'],
  ['flags', 'abuse_flags', 'reporter_id'],
  ['feedback', 'feedback', 'user_id'],
  ['votes', 'ballot_participations', 'user_id'],
  ['points', 'points_ledger', 'user_id'],
  ['grants', 'role_grants', 'granted_by'],
] as const;

/** Everything an actor can have written, and their profile's last change. */
async function footprint(actorId: string | null): Promise<string> {
  if (!actorId) return '';
  const counts = await Promise.all(writes.map(async ([name, table, column]) => [name, (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)} WHERE ${sql(column)} = ${actorId}`)[0]!.n] as const));
  const [profile] = await sql<{ at: string }[]>`SELECT updated_at::text AS at FROM users WHERE id = ${actorId}`;
  return JSON.stringify({ ...Object.fromEntries(counts), profile: profile?.at });
}

async function staffActor(role: 'admin' | 'moderator' | 'arbiter' | 'department'): Promise<Actor> {
  const { browser, email } = await newResident(`fuzz-${role}`);
  const id = await userIdByEmail(email);
  const adminId = await userIdByEmail('admin@demo.vmeste.city');
  const scope = role === 'department' ? { departmentId: (await sql<{ id: number }[]>`SELECT id FROM departments ORDER BY id LIMIT 1`)[0]!.id } : {};
  const granted = await grantRole(adminId, { userId: id, role, ...scope });
  if (!granted.ok) throw new Error(`could not grant ${role}`);
  return { browser, id };
}

let targets: FormTargets;
beforeAll(async () => {
  targets = await formTargets();
  actors.anonymous = { browser: new Browser(), id: null };
  const resident = await newResident('fuzz-resident');
  actors.resident = { browser: resident.browser, id: await userIdByEmail(resident.email) };
  for (const role of ['admin', 'moderator', 'arbiter', 'department'] as const) actors[role] = await staffActor(role);
});

async function post(spec: FormSpec, values: Record<string, string | string[] | undefined>) {
  const fields: Record<string, string | string[]> = { ...spec.extra };
  for (const [k, v] of Object.entries(values)) if (v !== undefined) fields[k] = v;
  const { browser } = actors[spec.as];
  if (!spec.multipart) return browser.post(formPath(spec, targets), fields);
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  return browser.postMultipart(formPath(spec, targets), form);
}

describe('fuzzing every form', () => {
  for (const spec of forms) {
    it(`${spec.path}${spec.extra?.intent ? ` (${spec.extra.intent})` : ''}: never a 500, refusals are 4xx with messages and write nothing`, async () => {
      const actor = actors[spec.as];
      await fc.assert(
        fc.asyncProperty(formInput(spec), async ({ fields, extraKey }) => {
          const before = await footprint(actor.id);
          const response = await post(spec, extraKey ? { ...fields, [extraKey]: 'extra' } : fields);
          const html = await response.text();
          expect(response.status, html.slice(0, 300)).toBeLessThan(500);
          if (response.status >= 400 && response.status < 500 && response.status !== 409) {
            // The form again with its messages, or, for a body no browser would send, the page saying it could not
            // be read, or that it is larger than the form takes (a body over the route's limit is never read).
            const unread = (response.status === 400 && html.includes('The form could not be read')) || (response.status === 413 && html.includes('The form is too large'));
            expect(html.includes('class="error-summary"') || unread, html.slice(html.indexOf('<main'), html.indexOf('<main') + 300)).toBe(true);
            expect(await footprint(actor.id)).toBe(before);
          }
        }),
        { numRuns: 25, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    });
  }

  it('refuses random bytes posing as a photo with a field message, never a 500', async () => {
    const { browser } = actors.resident;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), fc.constantFrom('photo.jpg', 'x.png', 'a.webp', '../../evil.jpg'), async (bytes, name) => {
        const form = new FormData();
        for (const [k, v] of Object.entries({ categoryId: '1', lat: '55.75', lng: '37.61', address: 'Fuzz street 1', description: 'Random bytes as a photo here', confirmNew: 'yes' })) form.set(k, v);
        form.append('photos', new File([bytes], name, { type: 'image/jpeg' }));
        const response = await browser.postMultipart('/reports/new', form);
        const html = await response.text();
        expect(response.status).toBeLessThan(500);
        if (bytes.length > 0 && response.status !== 429) expect(response.status, html.slice(0, 200)).toBe(400);
      }),
      { numRuns: 15 },
    );
  });
});

describe('fuzzing the public API', () => {
  const routes = ['/api/v1/reports', '/api/v1/ideas', '/api/v1/ballots', '/api/v1/projects', '/api/v1/decisions', '/api/v1/departments', '/api/v1/categories', '/reports/map.json', '/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/v2/services.json', '/reports', '/ideas', '/projects/parks', '/projects/parks/similar', '/votes', '/decisions', '/stats', '/data'];
  it('answers any query string with 2xx or a 4xx naming the parameter, never a 500', async () => {
    // Each run from its own address: the rate limit is not what this test is about.
    const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'category', 'district', 'overdue', 'west', 'south', 'east', 'north', 'zoom', 'service_code', 'service_request_id', 'start_date', 'end_date', 'page', 'sort', 'q', 'tag', 'title', 'project', 'after', 'days', 'x'), fc.oneof(fc.constantFrom(...nasty.filter((n) => n.length < 1000)), fc.string({ unit: 'binary', maxLength: 40 })), { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), query, async (route, params) => {
        const response = await new Browser().get(`${route}?${new URLSearchParams(params)}`);
        const body = await response.text();
        expect(response.status, `${route} ${JSON.stringify(params)}: ${body.slice(0, 200)}`).toBeLessThan(500);
        if (response.status === 400 && route.startsWith('/api/v1')) expect(Object.keys((JSON.parse(body) as { error: { fields?: object } }).error.fields ?? {}).length).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });
});

describe('fuzzing every address with a parameter in its path', () => {
  // Every route file with an id or slug in its name, as the admin (who may open the most pages).
  const paths = readdirSync(join(projectRoot, 'app/routes'))
    .map((file) => file.replace(/\.tsx?$/, ''))
    .filter((name) => name.includes('$') && !name.endsWith('$'))
    .map((name) => `/${name.split(/(?<!\[)\.(?!\])/).filter((part) => part !== '_index').join('/').replace(/\[\.\]/g, '.')}`);
  const values = ['2147483648', '9999999999', '99999999999999999999', '%00', 'a%00b', '%E3%80%80'];
  // What the other parameters of an address get while one gets the odd value.
  const ordinary: Record<string, string> = { id: '1', slug: 'parks', file: 'reports.csv', token: 'x' };

  it('answers a huge integer, a NUL byte or an odd character in any path parameter with 2xx–4xx, never a 500', { timeout: 180_000 }, async () => {
    expect(paths.length).toBeGreaterThan(20);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    for (const path of paths) {
      const names = [...path.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
      for (const odd of names) {
        for (const value of values) {
          const url = path.replace(/\$(\w+)/g, (_, name: string) => (name === odd ? value : (ordinary[name] ?? 'x')));
          for (const query of ['', `?q=${value}&tag=${value}&title=${value}`]) {
            const response = await admin.get(`${url}${query}`);
            expect(response.status, `${url}${query}: ${(await response.text()).slice(0, 200)}`).toBeLessThan(500);
          }
        }
      }
    }
  });
});
