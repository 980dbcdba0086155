import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request has already learnt, shared by its action and every loader it runs (ADR 064). Remix gives
 * each of them a Request of its own, so nothing keyed by the Request object reaches from the action to the loaders;
 * the server (scripts/serve.mjs) and the tests' in-process browser run each request inside `runInRequestScope`.
 * Outside a scope (a bare handler, the Vite dev server, the workers) `requestScope()` is undefined and every read
 * is made afresh.
 */
export type RequestScope = Map<symbol, unknown>;

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `handle` (one HTTP request's handling) with a request scope of its own. */
export function runInRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle);
}

/** This request's scope, or undefined outside one. */
export function requestScope(): RequestScope | undefined {
  return storage.getStore();
}
