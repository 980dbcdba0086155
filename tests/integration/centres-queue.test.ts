// The electronic queue of a centre over HTTP: walk-in tickets and checked-in visits, windows calling the next one,
// and the centre's screen following live over Server-Sent Events.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centres, services, tickets, visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

const admin = new Browser();
let serviceId = 0;
beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
  serviceId = (await db.select({ id: services.id }).from(services).orderBy(services.id))[0]!.id;
});

async function centreWithTwoWindows(): Promise<number> {
  const code = `q-${randomUUID().slice(0, 8)}`;
  const hours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, '00:00-23:45']));
  const response = await admin.post('/admin/centres/new', { code, nameRu: 'Очередь', nameEn: `Queue centre ${code}`, addressRu: 'ул. О, 1', addressEn: '1 Q St', latitude: '55.75', longitude: '37.62', windows: '2', slotMinutes: '15', serviceIds: String(serviceId), ...hours });
  expect(response.status).toBe(302);
  return (await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code)))[0]!.id;
}

/** Reads Server-Sent Events of one kind from a streaming answer, as an EventSource would. */
function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(): Promise<{ called: { number: number; window: number }[]; waiting: number; expectedWaitMinutes: number | null }> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: queue\ndata: (.*)$/m.exec(block);
        if (data) return JSON.parse(data[1]!);
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe('the electronic queue', () => {
  it('puts checked-in visits ahead of walk-ins, gives two windows two tickets, records the times, and the screen follows live', async () => {
    const centreId = await centreWithTwoWindows();
    const { email } = await newResident('queue-visit');
    const userId = await userIdByEmail(email);
    // A visit booked for now (the booking flow is tested in centres.test.ts).
    const [visit] = await db.insert(visits).values({ centreId, serviceId, userId, startsAt: new Date(), window: 1 }).returning();

    const controller = new AbortController();
    const stream = await new Browser().request(`/centre-queue/${centreId}`, { signal: controller.signal });
    expect(stream.headers.get('Content-Type')).toContain('text/event-stream');
    const next = eventReader(stream);
    expect(await next()).toMatchObject({ called: [], waiting: 0, expectedWaitMinutes: null });

    for (const expected of ['/centre-desk/' + centreId + '?issued=1', '/centre-desk/' + centreId + '?issued=2']) {
      const issued = await admin.post(`/centre-desk/${centreId}`, { intent: 'issue', serviceId: String(serviceId) });
      expect(issued.headers.get('Location')).toBe(expected);
    }
    const checkedIn = await admin.post(`/centre-desk/${centreId}`, { intent: 'check-in', visitId: String(visit!.id) });
    expect(checkedIn.headers.get('Location')).toBe(`/centre-desk/${centreId}?issued=3`);
    const twice = await admin.post(`/centre-desk/${centreId}`, { intent: 'check-in', visitId: String(visit!.id) });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('This visit already has a ticket');
    // The screen has heard of the three tickets (one event per change; the last says three wait).
    let screen = await next();
    while (screen.waiting < 3) screen = await next();
    expect(screen).toMatchObject({ called: [], waiting: 3 });
    // 3 waiting, 2 windows, no service finished yet: 15-minute slots → about 23 minutes.
    expect(screen.expectedWaitMinutes).toBe(23);

    // Two windows call at once: each gets its own ticket, the booked visit's first.
    const [one, two] = await Promise.all([admin.post(`/centre-desk/${centreId}`, { intent: 'call', window: '1' }), admin.post(`/centre-desk/${centreId}`, { intent: 'call', window: '2' })]);
    const calledNumbers = [one!, two!].map((r) => Number(new URL(r.headers.get('Location')!, 'http://x').searchParams.get('called'))).sort();
    expect(calledNumbers).toEqual([1, 3]);
    const called = await db.select().from(tickets).where(and(eq(tickets.centreId, centreId), eq(tickets.status, 'called')));
    expect(called.map((t) => t.window).sort()).toEqual([1, 2]);
    while (screen.called.length < 2) screen = await next();
    expect(screen.called.map((c) => c.number).sort()).toEqual([1, 3]);
    expect(screen.waiting).toBe(1);

    // A window finishes before it calls again.
    const busy = await admin.post(`/centre-desk/${centreId}`, { intent: 'call', window: '1' });
    expect(busy.status).toBe(400);
    expect(await busy.text()).toContain('This window is still serving its called ticket');
    const visitTicket = called.find((t) => t.kind === 'visit')!;
    expect((await admin.post(`/centre-desk/${centreId}`, { intent: 'finish', ticketId: String(visitTicket.id), outcome: 'served' })).status).toBe(302);
    const [served] = await db.select().from(tickets).where(eq(tickets.id, visitTicket.id));
    expect(served!.finishedAt!.getTime()).toBeGreaterThanOrEqual(served!.calledAt!.getTime());
    expect(served!.calledAt!.getTime()).toBeGreaterThanOrEqual(served!.issuedAt.getTime());
    expect((await db.select().from(visits).where(eq(visits.id, visit!.id)))[0]!.status).toBe('served');
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'ticket'), eq(auditLog.targetId, String(visitTicket.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(['ticket.call', 'ticket.check-in', 'ticket.served']);
    controller.abort();

    const page = await (await new Browser().get(`/centre-screen/${centreId}`)).text();
    expect(page).toMatch(/data-ticket="1"><td>1<\/td><td>\d<\/td>/);
    expect(page).toContain('1 person waiting');
    // Bad input at the desk: field messages, never a 500.
    const badWindow = await admin.post(`/centre-desk/${centreId}`, { intent: 'call', window: '7' });
    expect(badWindow.status).toBe(400);
    expect(await badWindow.text()).toContain('This centre has no such window');
    const badService = await admin.post(`/centre-desk/${centreId}`, { intent: 'issue', serviceId: 'passport' });
    expect(badService.status).toBe(400);
  });
});
