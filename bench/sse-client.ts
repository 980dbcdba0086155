// A Server-Sent Events client for the benches, on a connection of its own (node:http, so ten thousand of them stay
// light): calls `onData` with each event's `data:` line, in order. Used by bench:votes and bench:live's threads.
import { get as httpGet } from 'node:http';

/** Opens the stream; rejects if it does not answer 200. `close()` drops the connection. */
export function openEventStream(url: string, onData: (data: string) => void): { opened: Promise<void>; close: () => void } {
  let close = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    const req = httpGet(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE: ${res.statusCode}`));
      resolve();
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (data) onData(data[1]!);
        }
      });
      res.on('error', () => {});
    });
    req.on('error', reject);
    close = () => void req.destroy();
  });
  return { opened, close };
}
