import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeLiveChannels, eventStream } from './live.server';

/** An open page: what it has read of its event stream so far, the function that pushes to it, and its close. */
function openPage() {
  const abort = new AbortController();
  let push: (value: { n: number }) => void = () => {};
  const response = eventStream(new Request('http://city.test/live', { signal: abort.signal }), 'tally', async () => ({ n: 0 }), (send) => {
    push = send;
    return () => {};
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const page = { text: '', heardAt: [] as number[], push: (value: { n: number }) => push(value), close: () => abort.abort() };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      page.text += value;
      page.heardAt.push(Date.now());
    }
  })();
  return page;
}
const comments = (text: string) => text.split('\n\n').filter((frame) => frame === ': keep-alive').length;

describe('event streams keep their connection open', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    closeLiveChannels();
    vi.useRealTimers();
  });

  it('never leaves a page that hears nothing silent for more than 15 s', async () => {
    const page = openPage();
    const opened = Date.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.text).toContain('data: {"n":0}');
    await vi.advanceTimersByTimeAsync(60_000);
    const gaps = [...page.heardAt, opened + 60_000].map((at, i, all) => at - (all[i - 1] ?? opened));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_000);
    expect(comments(page.text)).toBeGreaterThanOrEqual(4);
    page.close();
  });

  it('writes no comment to a page that events keep busy', async () => {
    const page = openPage();
    for (let n = 1; n <= 8; n++) {
      await vi.advanceTimersByTimeAsync(5_000);
      page.push({ n });
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(page.text).toContain('data: {"n":8}');
    expect(comments(page.text)).toBe(0);
    page.close();
  });

  it('runs one timer for a thousand open pages, and none once they are gone', async () => {
    const pages = Array.from({ length: 1000 }, openPage);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(pages.every((page) => comments(page.text) === 1)).toBe(true);
    for (const page of pages) page.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
