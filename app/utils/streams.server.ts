import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import postgres from 'postgres';
import { env } from './env.server';

/** Waits for a stream to take more (or to be closed), leaving no listener behind either way. */
export function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/**
 * Rows in batches as CSV with a header line, written only as fast as the reader takes it; if the reader goes away,
 * leaving the loop closes the source (a server-side cursor frees its connection).
 */
export function csvStream(batches: AsyncIterable<readonly object[]>, columns: string[]): ReadableStream<Uint8Array> {
  // escape_formulas: a text starting with = + - @ (a resident's "=HYPERLINK(…)") gets a leading ' so a spreadsheet
  // shows it instead of running it (OWASP "CSV injection"); numbers are left alone. JSON keeps the text as typed.
  const csv = stringify({ header: true, columns, escape_formulas: true, cast: { boolean: (v) => (v ? 'true' : 'false'), date: (v) => v.toISOString() } });
  const feed = async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) {
          if (csv.destroyed) return;
          if (!csv.write(row)) await drainedOrClosed(csv);
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  };
  void feed();
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}

/**
 * A SELECT's rows as CSV with a header line, written by Postgres itself (`COPY (…) TO STDOUT`, csv format) and passed
 * through as the reader takes it. For rows the CSV shows as stored — no text a spreadsheet could run (csvStream defuses
 * those), booleans and timestamps already as text — it writes what csvStream writes. The statement takes no
 * parameters (COPY cannot): only trusted SQL and integers checked by the caller go in.
 * Each export has a connection of its own, not one of the pool: a COPY read halfway cannot go back to a pool (the
 * server is still sending it, and postgres.js 3.4 may leave its socket paused: porsager/postgres#499), so when the
 * reader goes away the connection is closed, and when the COPY ends it is closed too. The pool never sees either.
 * COPY sends a message per row; each time the reader asks, it gets everything that has come since as one piece
 * (`read()` of a paused stream), so a million rows are a few thousand pieces, not a million (ADR 072).
 */
export function copyCsvStream(select: string): ReadableStream<Uint8Array> {
  const client = postgres(env.DATABASE_URL, { max: 1, prepare: env.DATABASE_PREPARE === 'true', connect_timeout: 5, onnotice: () => {} });
  const close = () => void client.end({ timeout: 0 }).catch(() => {});
  let source: Readable | undefined;
  return new ReadableStream<Uint8Array>({
    async start() {
      try {
        source = await client.unsafe(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`).readable();
      } catch (error) {
        close();
        throw error;
      }
      source.once('end', close);
    },
    async pull(controller) {
      const rows = source!;
      for (;;) {
        const piece = rows.read() as Buffer | null;
        if (piece) return controller.enqueue(piece);
        if (rows.readableEnded) return controller.close();
        await nextEvent(rows);
      }
    },
    cancel() {
      source?.destroy();
      close();
    },
  });
}

/** Waits until a paused stream has more to read, has ended, or failed (then rejects), leaving no listener behind. */
function nextEvent(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('readable', done);
      stream.off('end', done);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    stream.once('readable', done);
    stream.once('end', done);
    stream.once('error', done);
  });
}

export type CsvColumnType = 'text' | 'integer' | 'decimal' | 'boolean' | 'timestamp';

/** The first characters csv-stringify's escape_formulas defuses in a text: = + - @ tab CR and the full-width = + - @. */
const formulaStarts = `'=', '+', '-', '@', chr(9), chr(13), chr(65309), chr(65291), chr(65293), chr(65312)`;

/**
 * A column of a select for copyCsvStream, so that COPY writes the value exactly as csvStream writes it: a text whose
 * first character could start a formula gets a leading ' (OWASP "CSV injection", as escape_formulas does) and an empty
 * text is written as nothing (COPY would quote it); booleans as true/false (COPY: t/f); timestamps as toISOString()
 * writes them (UTC, milliseconds, Z); a numeric rounded to a fixed scale without its trailing zeros, as a JS number
 * prints it. The expression is trusted SQL, never input.
 */
export function csvColumnSql(expr: string, type: CsvColumnType): string {
  switch (type) {
    case 'text':
      return `CASE WHEN left(${expr}, 1) IN (${formulaStarts}) THEN '''' || ${expr} ELSE nullif(${expr}, '') END`;
    case 'boolean':
      return `(${expr})::text`;
    case 'timestamp':
      return `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'decimal':
      return `trim_scale(${expr})`;
    case 'integer':
      return expr;
  }
}

/** Rows in batches as one JSON document (`open` items… `close`), a batch at a time as the reader pulls. */
export function jsonStream<Row>(batches: AsyncIterable<readonly Row[]>, item: (row: Row) => unknown, open = '[', close = ']'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(open));
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        controller.enqueue(encoder.encode(close));
        controller.close();
        return;
      }
      const items = value.map((row) => JSON.stringify(item(row)));
      if (items.length) controller.enqueue(encoder.encode((first ? '' : ',') + items.join(',')));
      first = first && items.length === 0;
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

/** A timestamp as the open data writes it: ISO 8601 in UTC, or null. */
export const isoOrNull = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** A dataset's state from the one row its query returns: the count, and the last change (the epoch before any). */
export async function datasetState(query: PromiseLike<{ rows: number; updated: string | null }[]>): Promise<{ rows: number; updated: Date }> {
  const [row] = await query;
  return { rows: row!.rows, updated: row!.updated ? new Date(row!.updated) : new Date(0) };
}
