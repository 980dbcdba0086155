// The raw baseline of `bench/live-tally.ts`: a bare node:http server (no Remix, no web streams, no Redis, no
// Postgres) that holds Server-Sent Events connections and, on `POST /fanout?total=N`, writes one buffer — a tally
// event of that total, stamped with when it began writing — to every one of them. What this machine's sockets allow.
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.argv[2]);
const open = new Set<ServerResponse>();
const event = (total: number, sent?: number) => Buffer.from(`event: tally\ndata: ${JSON.stringify({ votes: { 1: total }, at: Date.now(), sent })}\n\n`);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://raw');
  if (req.method === 'GET' && url.pathname === '/live') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.write(event(0));
    open.add(res);
    res.on('close', () => open.delete(res));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/fanout') {
    const bytes = event(Number(url.searchParams.get('total')), Date.now());
    for (const listener of open) listener.write(bytes);
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
});
server.listen(port, '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => {
  for (const res of open) res.destroy();
  server.close(() => process.exit(0));
});
