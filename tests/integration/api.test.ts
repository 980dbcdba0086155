import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '#app/utils/env.server';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { apiRoutes } from '#app/modules/api/v1.server';
import { Browser } from '../support/app';

afterAll(closeConnections);

type Page = { data: { id: number; status: string; category: { id: number } }[]; next_cursor: string | null };

describe('the public REST API (/api/v1)', () => {
  it('publishes a valid OpenAPI 3.1 document with every route in it', async () => {
    const doc = (await (await new Browser().get('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(Object.keys(doc.paths).sort()).toEqual([...apiRoutes].sort());
    const docs = await (await new Browser().get('/api/v1/docs')).text();
    for (const route of apiRoutes) expect(docs).toContain(`GET ${route}`);
  });

  it('pages through reports with a cursor, without repeats, newest first, and filters them', async () => {
    const client = new Browser();
    const first = (await (await client.get('/api/v1/reports?limit=5')).json()) as Page;
    expect(first.data).toHaveLength(5);
    expect(first.next_cursor).not.toBeNull();
    const second = (await (await client.get(`/api/v1/reports?limit=5&cursor=${first.next_cursor}`)).json()) as Page;
    const ids = [...first.data, ...second.data].map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const closed = (await (await client.get('/api/v1/reports?status=closed&limit=20')).json()) as Page;
    expect(closed.data.length).toBeGreaterThan(0);
    expect(closed.data.every((r) => r.status === 'closed')).toBe(true);
    const one = await client.get(`/api/v1/reports/${closed.data[0]!.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(((await one.json()) as { id: number }).id).toBe(closed.data[0]!.id);
    const departments = (await (await client.get('/api/v1/departments')).json()) as { data: { kind: string }[] };
    expect(departments.data.length).toBeGreaterThanOrEqual(5);
  });

  it('answers bad parameters with 400 and the field, unknown things with 404, in one error shape', async () => {
    const client = new Browser();
    const bad = await client.get('/api/v1/reports?limit=1000&status=lost&surprise=1');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('bad_request');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['limit', 'status']));
    expect((await client.get('/api/v1/reports/abc')).status).toBe(400);
    const missing = await client.get('/api/v1/reports/999999999');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await client.get('/api/v1/nothing/here')).status).toBe(404);
  });

  it('rate-limits per IP with 429 and Retry-After', async () => {
    const client = new Browser(`10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    let last: Response | undefined;
    for (let i = 0; i <= env.API_RATE_PER_MINUTE; i++) last = await client.get('/api/v1/categories');
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another address is not affected.
    expect((await new Browser().get('/api/v1/categories')).status).toBe(200);
  });
});

describe('the public REST API for ideas and decisions', () => {
  it('pages through a project\'s ideas without repeats or hidden ones, filters by status, and lists decisions with their steps', async () => {
    const browser = new Browser();
    const projects = (await (await browser.get('/api/v1/projects')).json()) as { data: { id: number; slug: string; stages: unknown[]; ideas: number }[] };
    const clinics = projects.data.find((p) => p.slug === 'clinics')!;
    expect(clinics.stages.length).toBeGreaterThan(0);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await browser.get(`/api/v1/ideas?project=${clinics.id}&limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { data: { id: number; status: string }[]; next_cursor: string | null };
      for (const idea of page.data) expect(idea.status).not.toBe('hidden');
      seen.push(...page.data.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const [counted] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ideas WHERE project_id = ${clinics.id} AND status <> 'hidden'`;
    expect(seen.length).toBe(counted!.n);
    const [hidden] = await sql<{ id: number }[]>`SELECT id::int AS id FROM ideas WHERE status = 'hidden' LIMIT 1`;
    if (hidden) expect((await browser.get(`/api/v1/ideas/${hidden.id}`)).status).toBe(404);
    const shortlisted = (await (await browser.get('/api/v1/ideas?status=shortlisted')).json()) as { data: { status: string }[] };
    for (const idea of shortlisted.data) expect(idea.status).toBe('shortlisted');
    const bad = await browser.get('/api/v1/ideas?status=secret');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('status');

    // Other test files add items while this runs: the API's count lies between the counts before and after it.
    const itemCount = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM implementation_items`)[0]!.n;
    const before = await itemCount();
    const decisions = (await (await browser.get('/api/v1/decisions')).json()) as { data: { id: number; items: { progress: number }[] }[] };
    const after = await itemCount();
    expect(decisions.data.length).toBeGreaterThan(0);
    const listed = decisions.data.reduce((n, d) => n + d.items.length, 0);
    expect(listed).toBeGreaterThanOrEqual(before);
    expect(listed).toBeLessThanOrEqual(after);
    expect((await browser.get(`/api/v1/decisions/${decisions.data[0]!.id}`)).status).toBe(200);
  });
});
