import type { ShouldRevalidateFunctionArgs } from '@remix-run/react';

/**
 * An action's answer that changes nothing any loader on the page shows (the root's included), e.g. a cast's
 * receipt: the browser with JavaScript then takes the answer alone, without reloading every loader's data.
 */
export function settled<T extends object>(value: T): T & { settled: true } {
  return { ...value, settled: true };
}

/** `shouldRevalidate` for a page and the root: no reload after a settled answer, Remix's default otherwise. */
export function revalidateUnlessSettled({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs): boolean {
  const isSettled = !!actionResult && typeof actionResult === 'object' && (actionResult as { settled?: unknown }).settled === true;
  return isSettled ? false : defaultShouldRevalidate;
}
