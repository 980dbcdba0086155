// The server's route matching after our patch of @remix-run/router (patches/, ADR 059): ranked branches are kept per
// routes array and path patterns compiled once, so these check the answers stay those of matching from scratch.
import { createRequire } from 'node:module';
import type { AgnosticRouteObject } from '@remix-run/router';
import { describe, expect, it } from 'vitest';

// The server runtime loads the CommonJS build, the one the patch changes.
const router = createRequire(import.meta.url)('@remix-run/router') as typeof import('@remix-run/router');

type Route = AgnosticRouteObject;
const ids = (routes: Route[], path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

function appRoutes(): Route[] {
  return [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'home', index: true },
        { id: 'votes', path: 'votes' },
        { id: 'ballot', path: 'votes/:id' },
        { id: 'live', path: 'votes/:id/live' },
        { id: 'ledger', path: 'votes/:id/ledger.csv' },
        { id: 'file', path: 'data/:id/:file' },
        { id: 'catalogue', path: 'data/catalog.json' },
        { id: 'missing', path: '*' },
      ],
    },
  ];
}

describe('route matching with cached branches and patterns', () => {
  it('answers every path of one routes array as written, however often it is asked, in any order', () => {
    const routes = appRoutes();
    const expected: [string, string[]][] = [
      ['/', ['root', 'home']],
      ['/votes', ['root', 'votes']],
      ['/votes/12', ['root', 'ballot']],
      ['/votes/12/live', ['root', 'live']],
      ['/votes/12/ledger.csv', ['root', 'ledger']],
      ['/data/catalog.json', ['root', 'catalogue']],
      ['/data/reports/reports.csv', ['root', 'file']],
      ['/nowhere/at/all', ['root', 'missing']],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [path, want] of round === 1 ? [...expected].reverse() : expected) expect(ids(routes, path), path).toEqual(want);
    }
    expect(router.matchRoutes(routes, '/votes/12/live')![1]!.params).toEqual({ id: '12', '*': undefined });
  });

  it('keeps each routes array to itself', () => {
    const first = [{ id: 'a', path: '/a/:x' }];
    const second = [{ id: 'b', path: '/b/:x' }];
    expect(ids(first, '/a/1')).toEqual(['a']);
    expect(ids(second, '/a/1')).toBeNull();
    expect(ids(second, '/b/1')).toEqual(['b']);
    expect(ids(first, '/b/1')).toBeNull();
  });

  it('tells a case-sensitive pattern from the same pattern without, and a prefix match from a whole one', () => {
    const loose = [{ id: 'loose', path: '/Reports/:id' }];
    const strict = [{ id: 'strict', path: '/Reports/:id', caseSensitive: true }];
    expect(ids(loose, '/reports/1')).toEqual(['loose']);
    expect(ids(strict, '/reports/1')).toBeNull();
    expect(ids(strict, '/Reports/1')).toEqual(['strict']);
    expect(ids(loose, '/REPORTS/1')).toEqual(['loose']);
    expect(router.matchPath({ path: '/votes/:id', end: false }, '/votes/3/live')?.pathnameBase).toBe('/votes/3');
    expect(router.matchPath({ path: '/votes/:id', end: true }, '/votes/3/live')).toBeNull();
    expect(router.matchPath({ path: '/votes/:id', end: false }, '/votes/3/live')?.params).toEqual({ id: '3' });
  });
});
