import type { MessageKey } from './i18n';

/** Field name → message key of what is wrong with it. */
export type ErrorKeys = Partial<Record<string, MessageKey>>;

/** What a use-case returns: the value, or the expected failures (bugs throw instead). */
export type Result<T, E = ErrorKeys> = { ok: true; value: T } | { ok: false; errors: E };
