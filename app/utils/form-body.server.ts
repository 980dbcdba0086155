import busboy from 'busboy';
import { drainedOrClosed } from './streams.server';

/** How much of a form post a route reads: beyond any limit the rest is never read and the post is refused. */
export type BodyLimits = {
  /** The whole body, in bytes. */
  maxBytes: number;
  /** Text fields, the CSRF token and the intent included. */
  maxFields: number;
  /** File parts (a file input with nothing chosen still sends one, empty); none unless given. */
  maxFiles?: number;
  maxFileBytes?: number;
};

/** A form of text fields: its longest schema texts (4,000 characters, 6 bytes each once percent-encoded) fit many times over. */
export const textFormLimits: BodyLimits = { maxBytes: 128 * 1024, maxFields: 100 };

export type BodyRefusal =
  | { kind: 'body-too-large'; maxBytes: number }
  | { kind: 'too-many-fields'; maxFields: number }
  | { kind: 'too-many-files'; maxFiles: number }
  | { kind: 'file-too-large'; maxFileBytes: number }
  | { kind: 'unreadable' };

export class FormBodyRefused extends Error {
  constructor(readonly refusal: BodyRefusal) {
    super(`form body refused: ${refusal.kind}`);
  }
}

/**
 * Reads a urlencoded or multipart form post into FormData as it streams in, in one pass, and stops reading at
 * the first limit (FormBodyRefused). A declared Content-Length over the limit is refused before any byte is read.
 * `beforeFiles` runs once, with the text fields read so far, when the first file part starts; nothing more is
 * read until it settles, and its error ends the reading (the CSRF check: a forged upload is refused unread).
 */
export async function readFormBody(request: Request, limits: BodyLimits, beforeFiles?: (fields: FormData) => Promise<void>): Promise<FormData> {
  const { maxBytes, maxFields, maxFiles = 0, maxFileBytes = 0 } = limits;
  const declared = Number(request.headers.get('Content-Length') ?? NaN);
  if (declared > maxBytes) {
    if (request.body) void discardRest(request.body.getReader());
    throw new FormBodyRefused({ kind: 'body-too-large', maxBytes });
  }
  // busboy's fileSize is reached when a file has that many bytes (it cannot know whether more follow): one over.
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? undefined },
      limits: { fields: maxFields, fieldSize: maxBytes, fieldNameSize: 1000, files: maxFiles, fileSize: maxFileBytes + 1, parts: maxFields + maxFiles },
    });
  } catch {
    // No Content-Type, an unsupported one, or multipart without a boundary.
    throw new FormBodyRefused({ kind: 'unreadable' });
  }

  const form = new FormData();
  let failure: unknown = null;
  const fail = (error: unknown) => (failure ??= error);
  let gate: Promise<void> | null = null;
  const files: Promise<void>[] = [];

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) fail(new FormBodyRefused({ kind: 'body-too-large', maxBytes }));
    else form.append(name, value);
  });
  parser.on('file', (name, stream, info) => {
    if (beforeFiles && !gate) gate = beforeFiles(form).catch((error: unknown) => void fail(error));
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(new Uint8Array(chunk.buffer as ArrayBuffer, chunk.byteOffset, chunk.byteLength)));
    stream.on('limit', () => fail(new FormBodyRefused({ kind: 'file-too-large', maxFileBytes })));
    files.push(
      new Promise((resolve) => {
        stream.once('end', resolve).once('close', resolve).once('error', resolve);
      }).then(() => {
        if (!failure) form.append(name, new File(chunks, info.filename ?? '', { type: info.mimeType }));
      }),
    );
  });
  parser.on('fieldsLimit', () => fail(new FormBodyRefused({ kind: 'too-many-fields', maxFields })));
  parser.on('partsLimit', () => fail(new FormBodyRefused({ kind: 'too-many-fields', maxFields })));
  // A form that takes no files and is sent one was not sent by its page.
  parser.on('filesLimit', () => fail(new FormBodyRefused(maxFiles ? { kind: 'too-many-files', maxFiles } : { kind: 'unreadable' })));
  const parsed = new Promise<void>((resolve) => {
    parser.on('error', (error) => {
      fail(error instanceof FormBodyRefused ? error : new FormBodyRefused({ kind: 'unreadable' }));
      resolve();
    });
    parser.on('close', resolve);
  });

  const reader = request.body?.getReader();
  let total = 0;
  try {
    while (reader && !failure) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) fail(new FormBodyRefused({ kind: 'body-too-large', maxBytes }));
      else if (!parser.write(value)) await drainedOrClosed(parser);
      if (gate) await gate;
    }
  } catch {
    fail(new FormBodyRefused({ kind: 'unreadable' }));
  }
  if (failure) {
    parser.destroy();
    if (reader) void discardRest(reader);
    throw failure;
  }
  parser.end();
  await parsed;
  await Promise.all(files);
  if (failure) throw failure;
  return form;
}

/**
 * After a refusal nothing more is kept, but what the client still sends is read and dropped, as Node does with any
 * body left unread: cancelling would reset the connection before the answer is written. A client that goes on
 * sending is cut off by the server's request timeout (Node's requestTimeout, 5 minutes).
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    // The client went away: nothing left to discard.
  }
}
