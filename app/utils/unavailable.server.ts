import type { AppLoadContext } from '@remix-run/node';

// postgres.js / Node network codes for "the database is not there", and SQLSTATEs for "it cannot take this now":
// connection exceptions (08), shutting down or starting up (57P01–57P03), out of resources such as a full disk (53),
// a read-only database (25006), an I/O error (58030).
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
const sqlStates = [/^08/, /^57P0[123]$/, /^53/, /^25006$/, /^58030$/];

/** True when an error (or what caused it) says the database is down or cannot accept writes just now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || sqlStates.some((s) => s.test(code)))) return true;
  }
  return false;
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Set by handleError: this request failed because the database was unavailable (the server answers 503). */
    databaseUnavailable?: boolean;
  }
}

/** Marks the request so the HTTP server answers 503 with Retry-After instead of 500. */
export function noteUnavailable(error: unknown, context: AppLoadContext | undefined): boolean {
  if (!context || !isDatabaseUnavailable(error)) return false;
  context.databaseUnavailable = true;
  return true;
}
