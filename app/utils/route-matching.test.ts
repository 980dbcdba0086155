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

  it('tries only the branches of the path\'s first segment, and still those that may match any (ADR 071)', () => {
    const routes: Route[] = [
      {
        id: 'root',
        path: '',
        children: [
          { id: 'home', index: true },
          { id: 'about', path: 'about' },
          { id: 'localised', path: ':lang/about' },
          { id: 'layout', children: [{ id: 'reports', path: 'reports' }, { id: 'report', path: 'reports/:id' }] },
          { id: 'files', path: 'files/*' },
          { id: 'optional', path: 'ideas/:id?/edit' },
          { id: 'missing', path: '*' },
        ],
      },
    ];
    const expected: [string, string[]][] = [
      ['/', ['root', 'home']],
      ['/about', ['root', 'about']],
      ['/ABOUT', ['root', 'about']],
      ['/en/about', ['root', 'localised']],
      ['/about/about', ['root', 'localised']],
      ['/reports', ['root', 'layout', 'reports']],
      ['/Reports/7', ['root', 'layout', 'report']],
      ['/files', ['root', 'files']],
      ['/files/a/b.pdf', ['root', 'files']],
      ['/ideas/edit', ['root', 'optional']],
      ['/ideas/3/edit', ['root', 'optional']],
      ['/ideas/3', ['root', 'missing']],
      ['/aboutus', ['root', 'missing']],
      ['/reportsx/1', ['root', 'missing']],
      ['//about', ['root', 'missing']],
      ['/%D0%B3%D0%BE%D1%80%D0%BE%D0%B4', ['root', 'missing']],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [path, want] of expected) expect(ids(routes, path), path).toEqual(want);
    }
    expect(router.matchRoutes(routes, '/files/a/b.pdf')![1]!.params).toEqual({ '*': 'a/b.pdf' });
    expect(router.matchRoutes(routes, '/en/about')![1]!.params).toEqual({ lang: 'en' });
    // Without a catch-all, a path no branch starts with matches nothing; a dynamic first segment still matches it.
    const noCatchAll = [{ id: 'a', path: '/about' }, { id: 'b', path: '/:slug' }];
    expect(ids(noCatchAll, '/about')).toEqual(['a']);
    expect(ids(noCatchAll, '/elsewhere')).toEqual(['b']);
    expect(ids(noCatchAll, '/elsewhere/deeper')).toBeNull();
  });

  it('gives each of two arrays of the same shape its own route objects, and an array of another shape its own ranking', () => {
    // As Remix's render builds a fresh copy of the same routes for every request.
    const first = appRoutes();
    const second = appRoutes();
    const matchOf = (routes: Route[], path: string) => router.matchRoutes(routes, path)!.map((m) => m.route);
    for (const path of ['/votes/12', '/', '/nowhere']) {
      expect(matchOf(first, path)[1]).toBe(first[0]!.children!.find((r) => r.id === matchOf(first, path)[1]!.id));
      expect(matchOf(second, path)[1]).toBe(second[0]!.children!.find((r) => r.id === matchOf(second, path)[1]!.id));
      expect(matchOf(second, path)[0]).toBe(second[0]);
    }
    // The same ids, one path changed: another shape, matched as written.
    const moved = appRoutes();
    moved[0]!.children!.find((r) => r.id === 'ballot')!.path = 'ballots/:id';
    expect(ids(moved, '/votes/12')).toEqual(['root', 'missing']);
    expect(ids(moved, '/ballots/12')).toEqual(['root', 'ballot']);
    expect(ids(first, '/votes/12')).toEqual(['root', 'ballot']);
    // The same ids and paths, one made case-sensitive.
    const strict = appRoutes();
    strict[0]!.children!.find((r) => r.id === 'votes')!.caseSensitive = true;
    expect(ids(strict, '/Votes')).toEqual(['root', 'missing']);
    expect(ids(first, '/Votes')).toEqual(['root', 'votes']);
  });

  it('answers as the router without the patch does, for every path of a large table', async () => {
    // The ES module build of the same version is not patched (the server loads only the CommonJS one).
    const upstream = (await import('@remix-run/router/dist/router.js' as string)) as typeof import('@remix-run/router');
    const words = ['votes', 'ideas', 'reports', 'me', 'admin', 'data', 'api', 'open311', 'stats', 'departments'];
    const children: Route[] = [{ id: 'home', index: true }, { id: 'any', path: '*' }, { id: 'lang', path: ':lang' }];
    for (const w of words) {
      children.push({ id: `${w}`, path: w }, { id: `${w}-id`, path: `${w}/:id` }, { id: `${w}-new`, path: `${w}/new` }, { id: `${w}-file`, path: `${w}/:id/file.csv` });
      children.push({ id: `${w}-layout`, path: w, children: [{ id: `${w}-settings`, path: 'settings' }, { id: `${w}-splat`, path: 'x/*' }] });
    }
    const routes: Route[] = [{ id: 'root', path: '', children }];
    const paths = ['/', '/nowhere', '/VOTES', '/a/b/c', '//votes', '/votes/', '/%20votes'];
    for (const w of words) for (const tail of ['', '/1', '/new', '/1/file.csv', '/settings', '/x/y/z', '/1/2', '/settings/']) paths.push(`/${w}${tail}`, `/${w.toUpperCase()}${tail}`, `/${w}s${tail}`);
    const answer = (match: typeof router.matchRoutes, path: string) => match(routes, path)?.map((m) => [m.route.id, m.params, m.pathname]) ?? null;
    for (const path of paths) expect(answer(router.matchRoutes, path), path).toEqual(answer(upstream.matchRoutes, path));
  });
});
