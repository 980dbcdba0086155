import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey, revokeApiKey } from '#app/modules/api/api-keys.server';
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { actionLimits } from '#app/utils/rate-limit.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { Browser } from '../support/app';
import { projectRoot } from '../support/processes';
import { placeIn, userIdByEmail } from '../support/reports';

// The published GeoReport v2 JSON Schemas, kept beside the project in shared/open311.
const schemaDir = join(projectRoot, '..', 'shared', 'open311');
const ajv = new Ajv({ strict: false, allErrors: true });
beforeAll(() => {
  if (!existsSync(schemaDir)) throw new Error(`the Open311 schemas are expected in ${schemaDir}`);
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'swagger.json')) {
    ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')), file);
  }
});

function expectValid(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)!;
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
}

/**
 * Well-formed XML 1.0: fast-xml-parser checks the structure but lets through characters the standard forbids
 * (control characters, U+FFFE/U+FFFF), which strict parsers refuse; so check the Char production too, also for
 * character references.
 */
function expectWellFormedXml(xml: string, what: string) {
  expect(XMLValidator.validate(xml), what).toBe(true);
  const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  expect(forbidden && `U+${forbidden[0].codePointAt(0)!.toString(16)}`, what).toBeNull();
  for (const [, hex, dec] of xml.matchAll(/&#(?:x([0-9a-fA-F]+)|(\d+));/g)) {
    const code = hex ? parseInt(hex, 16) : Number(dec);
    expect(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000, `${what}: &#${hex ?? dec};`).toBe(true);
  }
}

const client = new Browser();
const base = '/open311/v2';

async function post(fields: Record<string, string>, format: 'json' | 'xml' = 'json') {
  return client.request(`${base}/requests.${format}`, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

describe('Open311 GeoReport v2', () => {
  it('lists the categories as services, valid against the published schema, in JSON and well-formed XML', async () => {
    const json = await (await client.get(`${base}/services.json`)).json();
    expectValid('services.json', json);
    expect((json as { service_code: string }[]).map((s) => s.service_code)).toContain('pothole');
    const definition = await (await client.get(`${base}/services/pothole.json`)).json();
    expectValid('service-definition.json', definition);
    const xml = await (await client.get(`${base}/services.xml`)).text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml).services.service.length).toBe((json as unknown[]).length);
    const discovery = (await (await client.get(`${base}/discovery.json`)).json()) as { endpoints: { url: string }[] };
    expect(discovery.endpoints[0]!.url).toMatch(/\/open311\/v2$/);
  });

  it('round trip: POST with an API key, moderation, then GET with status and agency', async () => {
    const { value } = (await issueApiKey(await userIdByEmail('admin@demo.vmeste.city'), 'Test Open311 app')) as { ok: true; value: { id: number; key: string } };
    const { lat, lng } = placeIn('sadovy');
    const created = await post({ api_key: value.key, service_code: 'pothole', lat: String(lat), long: String(lng), address_string: 'Sadovaya 12', description: 'Pothole reported through an Open311 app' });
    expect(created.status).toBe(200);
    const [receipt] = (await created.json()) as { service_request_id: string }[];
    const id = Number(receipt!.service_request_id);
    // Not public until a moderator approves it, like any other report.
    expect((await client.get(`${base}/requests/${id}.json`)).status).toBe(404);
    await moderateReport(await userIdByEmail('moderator@demo.vmeste.city'), { intent: 'approve', reportId: id });
    await routeReport(id);
    const got = await (await client.get(`${base}/requests/${id}.json`)).json();
    expectValid('requests.json', got);
    const [request] = got as { status: string; agency_responsible: string; expected_datetime: string; status_notes: string; service_code: string }[];
    expect(request).toMatchObject({ status: 'open', agency_responsible: 'Roads service, South', service_code: 'pothole', status_notes: 'In progress' });
    expect(new Date(request!.expected_datetime).getTime()).toBeGreaterThan(Date.now());
    const token = await (await client.get(`${base}/tokens/${id}.json`)).json();
    expect(token).toEqual([{ service_request_id: String(id), token: String(id) }]);
    const list = (await (await client.get(`${base}/requests.json?service_code=pothole&status=open`)).json()) as { service_request_id: string }[];
    expectValid('requests.json', list);
    expect(list.map((r) => r.service_request_id)).toContain(String(id));
    const xml = await (await client.get(`${base}/requests/${id}.xml`)).text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml).service_requests.request.agency_responsible).toBe('Roads service, South');
    // A revoked key files nothing.
    await revokeApiKey(await userIdByEmail('admin@demo.vmeste.city'), value.id);
    expect((await post({ api_key: value.key, service_code: 'pothole', lat: String(lat), long: String(lng), description: 'Should be refused now' })).status).toBe(403);
  });

  it('answers bad parameters with the standard error list, never a 500', async () => {
    const errors = async (response: Response, code: number) => {
      expect(response.status).toBe(code);
      const body = (await response.json()) as { code: number; description: string }[];
      expect(body[0]).toMatchObject({ code });
      expect(body[0]!.description.length).toBeGreaterThan(0);
    };
    await errors(await client.get(`${base}/requests.json?start_date=yesterday`), 400);
    await errors(await client.get(`${base}/requests.json?status=pending`), 400);
    await errors(await client.get(`${base}/requests/999999999.json`), 404);
    await errors(await client.get(`${base}/services/no-such-service.json`), 404);
    await errors(await client.get(`${base}/nothing.json`), 404);
    await errors(await post({ service_code: 'pothole', lat: '55.7', long: '37.6', description: 'No key given here' }), 403);
    const { value } = (await issueApiKey(await userIdByEmail('admin@demo.vmeste.city'), 'Bad input app')) as { ok: true; value: { key: string } };
    await errors(await post({ api_key: value.key, service_code: 'pothole', lat: 'north', long: '37.6', description: 'Latitude is a word' }), 400);
    await errors(await post({ api_key: value.key, service_code: 'nope', lat: '55.7', long: '37.6', description: 'Unknown service code' }), 404);
    await errors(await post({ api_key: value.key, service_code: 'pothole', lat: '10', long: '10', description: 'Far outside the city' }), 400);
    const xmlError = await post({ service_code: 'pothole' }, 'xml');
    expect(xmlError.status).toBe(403);
    expect(new XMLParser().parse(await xmlError.text()).errors.error.code).toBe(403);
  });
  it('refuses a NUL byte or another control character in a POST with a 400 naming the field, as the web form does', async () => {
    const { value } = (await issueApiKey(await userIdByEmail('admin@demo.vmeste.city'), 'Control characters app')) as { ok: true; value: { key: string } };
    const { lat, lng } = placeIn('sadovy');
    const fields = { api_key: value.key, service_code: 'pothole', lat: String(lat), long: String(lng) };
    const cases: [string, Record<string, string>][] = [
      ['description', { description: 'A pothole\u0000 near the bus stop' }],
      ['description', { description: 'A pothole \u0007\u001b[31m near the bus stop' }],
      ['address_string', { address_string: 'Sadovaya\u0000 12', description: 'A pothole near the bus stop' }],
    ];
    for (const [field, extra] of cases) {
      for (const format of ['json', 'xml'] as const) {
        const response = await post({ ...fields, ...extra }, format);
        expect(response.status, JSON.stringify(extra)).toBe(400);
        const text = await response.text();
        const error = format === 'json' ? (JSON.parse(text) as { code: number; description: string }[])[0]! : (new XMLParser().parse(text) as { errors: { error: { code: number; description: string } } }).errors.error;
        expect(error.code).toBe(400);
        expect(error.description).toBe(`${field}: Must not contain invisible control characters; type or paste it again`);
      }
    }
    // Lines and tabs are ordinary text.
    expect((await post({ ...fields, description: 'A pothole\n\tnear the bus stop, deep' })).status).toBe(200);
  });

  it('keeps the XML feed well-formed when a stored report holds characters XML cannot carry', async () => {
    const { value } = (await issueApiKey(await userIdByEmail('admin@demo.vmeste.city'), 'Old data app')) as { ok: true; value: { key: string } };
    const { lat, lng } = placeIn('sadovy');
    const created = await post({ api_key: value.key, service_code: 'pothole', lat: String(lat), long: String(lng), address_string: 'Sadovaya 14', description: 'Pothole stored before the checks' });
    const id = Number(((await created.json()) as { service_request_id: string }[])[0]!.service_request_id);
    // As an earlier version stored it: control characters, U+FFFF and markup.
    await sql`UPDATE reports SET description = ${'Bell\u0007 escape\u001b form\u000c feed end\uffff <b>&amp;</b>'}, address = ${'Sadovaya\u0001 14'} WHERE id = ${id}`;
    await moderateReport(await userIdByEmail('moderator@demo.vmeste.city'), { intent: 'approve', reportId: id });
    await routeReport(id);
    for (const path of [`${base}/requests/${id}.xml`, `${base}/requests.xml?service_request_id=${id}`, `${base}/requests.xml`]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      const xml = await response.text();
      expectWellFormedXml(xml, path);
      const requests = [new XMLParser().parse(xml).service_requests.request].flat() as { service_request_id: number; description: string; address: string }[];
      const mine = requests.find((r) => String(r.service_request_id) === String(id));
      expect(mine, path).toMatchObject({ description: 'Bell escape form feed end <b>&amp;</b>', address: 'Sadovaya 14' });
    }
    // JSON carries the text as stored, escaped.
    const [json] = (await (await client.get(`${base}/requests/${id}.json`)).json()) as { description: string }[];
    expect(json!.description).toBe('Bell\u0007 escape\u001b form\u000c feed end\uffff <b>&amp;</b>');
  });

  it('answers discovery.xml in XML', async () => {
    const response = await client.get(`${base}/discovery.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const { discovery } = new XMLParser().parse(xml) as { discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } } } } };
    expect(discovery.endpoints.endpoint.url).toMatch(/\/open311\/v2$/);
    expect(discovery.endpoints.endpoint.formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('rate-limits filing per address with 429 and Retry-After', async () => {
    const limit = Math.round(actionLimits['open311-report'].perIp[0] * env.RATE_LIMIT_SCALE);
    const from = new Browser(`10.31.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    const filing = () => from.request(`${base}/requests.json`, { method: 'POST', body: new URLSearchParams({ service_code: 'pothole', lat: '55.7', long: '37.6', description: 'No key, refused anyway' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    for (let i = 0; i < limit; i++) expect((await filing()).status).toBe(403);
    const over = await filing();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await over.json()) as { code: number }[])[0]!.code).toBe(429);
    // Another address is not affected.
    expect((await post({ service_code: 'pothole', lat: '55.7', long: '37.6', description: 'No key, refused anyway' })).status).toBe(403);
  });

  it('rate-limits reads per address like /api/v1', async () => {
    const from = new Browser(`10.32.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    let last: Response | undefined;
    for (let i = 0; i <= Math.round(env.API_RATE_PER_MINUTE * env.RATE_LIMIT_SCALE); i++) last = await from.get(`${base}/services.json`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
