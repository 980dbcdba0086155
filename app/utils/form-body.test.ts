import { describe, expect, it } from 'vitest';
import { FormBodyRefused, readFormBody, type BodyLimits } from './form-body.server';

const limits: BodyLimits = { maxBytes: 1000, maxFields: 5, maxFiles: 2, maxFileBytes: 100 };

const post = (body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }) =>
  new Request('http://localhost/form', { method: 'POST', body, headers });

/** A body sent in chunks, with no length declared. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64) controller.enqueue(bytes.subarray(at, at + 64));
      controller.close();
    },
  });
}

async function refusal(request: Request, with_ = limits) {
  const error = await readFormBody(request, with_).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FormBodyRefused);
  return (error as FormBodyRefused).refusal.kind;
}

describe('readFormBody', () => {
  it('reads a urlencoded form, repeated fields in order', async () => {
    const form = await readFormBody(post('a=1&b=x+y&a=2&c=%3C'), limits);
    expect(form.getAll('a')).toEqual(['1', '2']);
    expect(form.get('b')).toBe('x y');
    expect(form.get('c')).toBe('<');
  });

  it('refuses more fields than the limit, a body over the limit declared or streamed, and no form at all', async () => {
    expect(await refusal(post('a=&b=&c=&d=&e=&f='))).toBe('too-many-fields');
    expect(await refusal(post(`a=${'x'.repeat(1200)}`))).toBe('body-too-large');
    const chunked = new Request('http://localhost/form', { method: 'POST', body: streamed(`a=${'x'.repeat(1200)}`), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
    expect(await refusal(chunked)).toBe('body-too-large');
    expect(await refusal(post('a=1', { 'Content-Type': 'text/plain' }))).toBe('unreadable');
  });

  it('reads files within the limits, and refuses one too large, one too many, or any where none is taken', async () => {
    const form = (...sizes: number[]) => {
      const data = new FormData();
      data.set('_csrf', 'token');
      for (const size of sizes) data.append('photos', new File([new Uint8Array(size)], 'p.jpg', { type: 'image/jpeg' }));
      return data;
    };
    const read = await readFormBody(post(form(100, 3), {}), limits);
    expect(read.getAll('photos').map((f) => (f as File).size)).toEqual([100, 3]);
    expect(await refusal(post(form(101), {}))).toBe('file-too-large');
    expect(await refusal(post(form(1, 1, 1), {}))).toBe('too-many-files');
    expect(await refusal(post(form(1), {}), { maxBytes: 1000, maxFields: 5 })).toBe('unreadable');
  });

  it('asks before the first file, with the fields read so far, and reads no file when the answer is no', async () => {
    const data = new FormData();
    data.set('_csrf', 'token');
    data.append('photos', new File([new Uint8Array(50)], 'p.jpg'));
    const seen: string[] = [];
    const read = await readFormBody(post(data, {}), limits, async (fields) => void seen.push(...fields.keys()));
    expect(seen).toEqual(['_csrf']);
    expect(read.getAll('photos')).toHaveLength(1);
    const forged = new FormData();
    forged.append('photos', new File([new Uint8Array(50)], 'p.jpg'));
    forged.set('_csrf', 'token');
    const refused = await readFormBody(post(forged, {}), limits, async (fields) => {
      if (!fields.has('_csrf')) throw new Error('no token before the file');
    }).catch((e: unknown) => e);
    expect(refused).toEqual(new Error('no token before the file'));
  });
});
