import { afterEach, beforeEach, expect, vi } from 'vitest';

// A test fails on an unexpected console.error (STYLE.md convention 8).
let spy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  spy = vi.spyOn(console, 'error');
});
afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  expect(calls, 'console.error was called').toEqual([]);
});
