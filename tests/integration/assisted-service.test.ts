// Assisted service at a centre over HTTP, as a consultant, an admin, a resident at the booth and the same resident on
// the web would use it (issue 17, ADR 048): registration without e-mail and the printed code, verification in person,
// a report, an idea and a support on the resident's behalf with their consent, the consultant's scope, and voting at
// the booth with one vote per person across channels, whatever the order.
import { and, eq, sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistedActions, auditLog, ballotCasts, ballotParticipations, boothSessions, centres, ideaSupports, ideas, reports, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { openBallot } from '#app/modules/votes/ballot-lifecycle.server';
import { refreshStats } from '#app/modules/stats/index.server';
import { Browser, newResident } from '../support/app';
import { makeBallot } from '../support/votes';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

const consultant = new Browser();
const otherConsultant = new Browser();
const centre = { central: 0, north: 0, centralLat: 0, centralLng: 0 };
let consultantId = '';

beforeAll(async () => {
  await consultant.signIn('consultant-centralny@demo.vmeste.city');
  await otherConsultant.signIn('consultant-north@demo.vmeste.city');
  consultantId = await userIdByEmail('consultant-centralny@demo.vmeste.city');
  const rows = await db.select({ id: centres.id, code: centres.code }).from(centres);
  centre.central = rows.find((r) => r.code === 'md-centralny')!.id;
  centre.north = rows.find((r) => r.code === 'md-north')!.id;
  const [point] = await sql<{ lat: number; lng: number }[]>`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM centres WHERE id = ${centre.central}`;
  centre.centralLat = Number(point!.lat);
  centre.centralLng = Number(point!.lng);
});

const assist = (id = centre.central) => `/centre-desk/${id}/assist`;
const phone = () => `+7900${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const actionsOf = (residentId: string) => db.select().from(assistedActions).where(eq(assistedActions.residentId, residentId));
const auditOf = (residentId: string, action: string) => db.select().from(auditLog).where(and(eq(auditLog.targetId, residentId), eq(auditLog.action, action)));

/** Registers a person without e-mail at the central desk; returns their id and the printed code. */
async function registerAtDesk(name = 'Пётр Безпочтов') {
  const number = phone();
  const response = await consultant.post(assist(), { intent: 'register', name, phone: number, districtId: '', birthYear: '1950', consent: 'yes' });
  expect(response.status).toBe(200);
  const html = await response.text();
  const code = /\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\b/.exec(html)?.[1];
  expect(code, 'the printed code is on the page').toBeTruthy();
  const [person] = await db.select().from(users).where(eq(users.phone, number));
  return { id: person!.id, code: code!, phone: number, person: person! };
}

/** The district of the centre, as the verification form sends it. */
async function someDistrictId() {
  const [row] = await sql<{ id: number }[]>`SELECT id FROM districts ORDER BY id LIMIT 1`;
  return row!.id;
}

async function verifyAtDesk(userId: string, districtId: number) {
  const response = await consultant.post(assist(), { intent: 'verify', userId, documentKind: 'passport', districtId: String(districtId), birthYear: '1950', consent: 'yes' });
  expect(response.status).toBe(302);
}

describe('registering a person without e-mail', () => {
  it('needs the consent box, checks each field, and writes nothing when refused', async () => {
    const number = phone();
    const refused = await consultant.post(assist(), { intent: 'register', name: 'Без согласия', phone: number, districtId: '', birthYear: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tick that the resident is here and agrees');
    expect(await db.select().from(users).where(eq(users.phone, number))).toHaveLength(0);

    const bad = await consultant.post(assist(), { intent: 'register', name: '', phone: 'call me', districtId: 'x', birthYear: '1800', consent: 'yes' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter a phone number of 5 to 15 digits');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Must be between 1900 and');
  });

  it('makes an account with no e-mail and no password, audited, with a code that signs in once', async () => {
    const { id, code, person } = await registerAtDesk();
    expect(person.email).toBeNull();
    expect(person.passwordHash).toBeNull();
    expect(person.birthYear).toBe(1950);
    const [action] = await actionsOf(id);
    expect(action).toMatchObject({ kind: 'register', centreId: centre.central, consultantId, targetId: id });
    expect(action!.consentAt).toBeInstanceOf(Date);
    expect(await auditOf(id, 'assist.register')).toHaveLength(1);

    const resident = new Browser();
    const signedIn = await resident.post('/sign-in/code', { code: code.toLowerCase().replace(/-/g, ' ') });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('Location')).toBe('/me');
    expect((await resident.get('/me')).status).toBe(200);
    const again = await new Browser().post('/sign-in/code', { code });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This code is not right, was used already or has expired');
  });

  it('refuses a phone that is already on an account', async () => {
    const { phone: taken } = await registerAtDesk('Первый');
    const second = await consultant.post(assist(), { intent: 'register', name: 'Второй', phone: taken.replace('+7', '+7 ').replace(/(\d{3})(\d{4})$/, '$1-$2'), consent: 'yes' });
    expect(second.status).toBe(400);
    expect(await second.text()).toContain('This phone is already on an account');
  });
});

describe('verifying in person', () => {
  it('sets verified, district and birth year, recording the document kind, who and where', async () => {
    const { id } = await registerAtDesk();
    const districtId = await someDistrictId();
    const noConsent = await consultant.post(assist(), { intent: 'verify', userId: id, documentKind: 'passport', districtId: String(districtId), birthYear: '1950' });
    expect(noConsent.status).toBe(400);
    const badKind = await consultant.post(assist(), { intent: 'verify', userId: id, documentKind: 'library-card', districtId: String(districtId), birthYear: '1950', consent: 'yes' });
    expect(badKind.status).toBe(400);
    expect((await db.select({ verified: users.verified }).from(users).where(eq(users.id, id)))[0]!.verified).toBe(false);

    await verifyAtDesk(id, districtId);
    const [after] = await db.select().from(users).where(eq(users.id, id));
    expect(after).toMatchObject({ verified: true, verifiedBy: 'centre', districtId, birthYear: 1950 });
    const verify = (await actionsOf(id)).find((a) => a.kind === 'verify');
    expect(verify).toMatchObject({ documentKind: 'passport', centreId: centre.central, consultantId });
    expect(await auditOf(id, 'resident.verify')).toHaveLength(1);
    expect((await auditOf(id, 'assist.verify'))[0]!.actorId).toBe(consultantId);
  });

  it('refuses a resident who does not exist', async () => {
    const response = await consultant.post(assist(), { intent: 'verify', userId: '00000000-0000-4000-8000-000000000000', documentKind: 'passport', districtId: '1', birthYear: '1950', consent: 'yes' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('There is no such resident');
  });
});

describe("a consultant's scope", () => {
  it('is their own centre only: another centre refuses them and nothing is written', async () => {
    const { id } = await registerAtDesk();
    const before = (await actionsOf(id)).length;
    const elsewhere = await otherConsultant.post(assist(centre.central), { intent: 'verify', userId: id, documentKind: 'passport', districtId: '1', birthYear: '1950', consent: 'yes' });
    expect(elsewhere.status).toBe(403);
    expect((await otherConsultant.get(`/centre-desk/${centre.central}`)).status).toBe(403);
    expect((await consultant.get(`/centre-desk/${centre.north}`)).status).toBe(403);
    expect((await consultant.get(assist(centre.north))).status).toBe(403);
    expect(await actionsOf(id)).toHaveLength(before);
    expect((await db.select({ verified: users.verified }).from(users).where(eq(users.id, id)))[0]!.verified).toBe(false);
  });

  it('an admin grants the role for one centre in /admin/users, and the grant opens that desk only', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const { browser, email } = await newResident('new-consultant');
    const userId = await userIdByEmail(email);
    const noCentre = await admin.post('/admin/users', { intent: 'grant', userId, role: 'consultant', departmentId: '', projectId: '', centreId: '' });
    expect(noCentre.status).toBe(400);
    expect(await noCentre.text()).toContain('Choose the service centre of a consultant');
    const unknown = await admin.post('/admin/users', { intent: 'grant', userId, role: 'consultant', centreId: '999999' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose a service centre that exists');
    expect((await browser.get(`/centre-desk/${centre.north}`)).status).toBe(403);
    const granted = await admin.post('/admin/users', { intent: 'grant', userId, role: 'consultant', centreId: String(centre.north) });
    expect(granted.status).toBe(302);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, userId), eq(auditLog.action, 'role.grant')));
    expect(audit!.after).toMatchObject({ role: 'consultant', centreId: centre.north });
    expect((await browser.get(`/centre-desk/${centre.north}`)).status).toBe(200);
    expect((await browser.get(assist(centre.north))).status).toBe(200);
    expect((await browser.get(`/centre-desk/${centre.central}`)).status).toBe(403);
    const desks = await browser.get('/centre-desk');
    expect(desks.status).toBe(302);
    expect(desks.headers.get('Location')).toBe(`/centre-desk/${centre.north}`);
  });

  it('an admin serves at any centre', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    expect((await admin.get(assist(centre.north))).status).toBe(200);
  });
});

describe("acting on the resident's behalf", () => {
  it('files a report attributed to the resident, channel centre, with the consent recorded', async () => {
    const { id } = await registerAtDesk();
    const [category] = await sql<{ id: number }[]>`SELECT id FROM categories ORDER BY id LIMIT 1`;
    const fields = {
      intent: 'report',
      userId: id,
      categoryId: String(category!.id),
      address: 'У центра',
      lat: (centre.centralLat + 0.0011).toFixed(6),
      lng: (centre.centralLng + 0.0011).toFixed(6),
      description: 'Сломана скамейка у входа в центр, сидеть невозможно.',
      confirmNew: 'yes',
    };
    const refused = await consultant.post(assist(), fields);
    expect(refused.status).toBe(400);
    expect(await db.select().from(reports).where(eq(reports.authorId, id))).toHaveLength(0);

    const filed = await consultant.post(assist(), { ...fields, consent: 'yes' });
    expect(filed.status).toBe(302);
    const [report] = await db.select().from(reports).where(eq(reports.authorId, id));
    expect(report).toMatchObject({ channel: 'centre', authorId: id });
    const record = (await actionsOf(id)).find((a) => a.kind === 'report');
    expect(record).toMatchObject({ targetId: String(report!.id), consultantId, centreId: centre.central });
    const [audit] = await auditOf(id, 'assist.report');
    expect(audit!.actorId).toBe(consultantId);
    expect(audit!.after).toMatchObject({ centreId: centre.central, target: String(report!.id) });
  });

  it('supports an idea for them with channel centre, once', async () => {
    const { id } = await registerAtDesk();
    const [idea] = await sql<{ id: number }[]>`
      SELECT i.id FROM ideas i JOIN projects p ON p.id = i.project_id
      WHERE p.stage = 'collecting' AND i.status = 'published' AND NOT EXISTS (SELECT 1 FROM project_districts pd WHERE pd.project_id = p.id)
      ORDER BY i.id LIMIT 1`;
    expect(idea, 'the demo city has an idea open to supports city-wide').toBeTruthy();
    const [before] = await db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, idea!.id));
    const response = await consultant.post(assist(), { intent: 'support', userId: id, ideaId: String(idea!.id), consent: 'yes' });
    expect(response.status).toBe(302);
    const [support] = await db.select().from(ideaSupports).where(and(eq(ideaSupports.ideaId, idea!.id), eq(ideaSupports.userId, id)));
    expect(support!.channel).toBe('centre');
    const [after] = await db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, idea!.id));
    expect(after!.n).toBe(before!.n + 1);
    expect(await auditOf(id, 'assist.support')).toHaveLength(1);
  });

  it('proposes an idea for them, attributed to them, channel centre', async () => {
    const { id } = await registerAtDesk();
    const [project] = await sql<{ id: number }[]>`
      SELECT p.id FROM projects p WHERE p.stage = 'collecting' AND NOT EXISTS (SELECT 1 FROM project_districts pd WHERE pd.project_id = p.id) ORDER BY p.id LIMIT 1`;
    const fields = { intent: 'idea', userId: id, projectId: String(project!.id), title: 'Скамейки у остановки', body: 'Поставить две скамейки у остановки автобуса, чтобы можно было присесть.', confirmNew: 'yes' };
    expect((await consultant.post(assist(), fields)).status).toBe(400);
    const proposed = await consultant.post(assist(), { ...fields, consent: 'yes' });
    expect(proposed.status).toBe(302);
    const [idea] = await db.select().from(ideas).where(eq(ideas.authorId, id));
    expect(idea).toMatchObject({ channel: 'centre', projectId: project!.id });
    expect((await actionsOf(id)).find((a) => a.kind === 'idea')).toMatchObject({ targetId: String(idea!.id), consultantId });
  });

  it('answers a bad idea number and a missing resident with field messages, never a 500', async () => {
    const bad = await consultant.post(assist(), { intent: 'support', userId: 'not-a-uuid', ideaId: '99999999999999999999', consent: 'yes' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Find and choose the resident first');
  });
});

describe('voting at the booth', () => {
  /** A web account verified at the desk, so the same person can vote on either channel. */
  async function webResidentVerified() {
    const { browser, email } = await newResident('booth');
    const id = await userIdByEmail(email);
    await verifyAtDesk(id, await someDistrictId());
    return { browser, id };
  }
  async function openBallotOfOne() {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    await openBallot(ballot.id);
    const q = ballot.questions[0]!;
    return { id: ballot.id, field: `q${q.id}`, options: q.options.map((o) => String(o.id)) };
  }
  async function openBoothFor(userId: string, ballotId: number) {
    const response = await consultant.post(assist(), { intent: 'booth', userId, ballotId: String(ballotId), consent: 'yes' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('Location')!, 'http://x').searchParams.get('n')!;
  }
  const participations = (ballotId: number, userId: string) => db.select().from(ballotParticipations).where(and(eq(ballotParticipations.ballotId, ballotId), eq(ballotParticipations.userId, userId)));

  it('booth then web: the cast counts on channel centre, the receipt shows once, the session ends, the web refuses', async () => {
    const ballot = await openBallotOfOne();
    const { browser, id } = await webResidentVerified();
    const session = await openBoothFor(id, ballot.id);
    const page = await consultant.get(`/centre-booth/${session}`);
    expect(page.status).toBe(200);
    const cast = await consultant.post(`/centre-booth/${session}`, { [ballot.field]: ballot.options[1]! });
    expect(cast.status).toBe(200);
    expect(await cast.text()).toContain('Your vote is counted');
    const [row] = await participations(ballot.id, id);
    expect(row!.channel).toBe('centre');
    const [ended] = await db.select().from(boothSessions).where(eq(boothSessions.id, session));
    expect(ended!.endedBecause).toBe('cast');
    // The desk lists the session as voted, and nothing of the choice.
    const desk = await (await consultant.get(assist())).text();
    expect(desk).toContain('voted');
    expect(desk).not.toContain('Answer 2');

    const web = await browser.post(`/votes/${ballot.id}`, { [ballot.field]: ballot.options[0]! });
    expect(web.status).toBe(409);
    expect(await participations(ballot.id, id)).toHaveLength(1);
    const again = await consultant.post(`/centre-booth/${session}`, { [ballot.field]: ballot.options[0]! });
    expect(again.status).toBe(400);
    expect(await db.select().from(ballotCasts).where(eq(ballotCasts.ballotId, ballot.id))).toHaveLength(1);
  });

  it('web then booth: the booth will not open for someone who voted', async () => {
    const ballot = await openBallotOfOne();
    const { browser, id } = await webResidentVerified();
    expect((await browser.post(`/votes/${ballot.id}`, { [ballot.field]: ballot.options[0]! })).status).toBe(200);
    const refused = await consultant.post(assist(), { intent: 'booth', userId: id, ballotId: String(ballot.id), consent: 'yes' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('already voted');
    const [row] = await participations(ballot.id, id);
    expect(row!.channel).toBe('web');
  });

  it('both at once: one participation and one cast, whichever wins', async () => {
    const ballot = await openBallotOfOne();
    const { browser, id } = await webResidentVerified();
    const session = await openBoothFor(id, ballot.id);
    const [booth, web] = await Promise.all([consultant.post(`/centre-booth/${session}`, { [ballot.field]: ballot.options[0]! }), browser.post(`/votes/${ballot.id}`, { [ballot.field]: ballot.options[1]! })]);
    expect([booth.status, web.status].filter((s) => s === 200)).toHaveLength(1);
    expect(await participations(ballot.id, id)).toHaveLength(1);
    expect(await db.select().from(ballotCasts).where(eq(ballotCasts.ballotId, ballot.id))).toHaveLength(1);
    const [ended] = await db.select().from(boothSessions).where(eq(boothSessions.id, session));
    expect(ended!.endedAt).not.toBeNull();
  });

  it('a session that ran out takes no cast, and the booth needs a verified resident', async () => {
    const ballot = await openBallotOfOne();
    const { id } = await webResidentVerified();
    const session = await openBoothFor(id, ballot.id);
    await db.update(boothSessions).set({ expiresAt: dsql`now() - interval '1 second'` }).where(eq(boothSessions.id, session));
    expect(await (await consultant.get(`/centre-booth/${session}`)).text()).toContain('This booth session has ended');
    const late = await consultant.post(`/centre-booth/${session}`, { [ballot.field]: ballot.options[0]! });
    expect(late.status).toBe(400);
    expect(await participations(ballot.id, id)).toHaveLength(0);
    // The lapsed session does not block a new one.
    await openBoothFor(id, ballot.id);

    const { id: unverified } = await registerAtDesk();
    const refused = await consultant.post(assist(), { intent: 'booth', userId: unverified, ballotId: String(ballot.id), consent: 'yes' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Verify the person in person first');
  });

  it("another centre's consultant cannot use the terminal of this centre's session", async () => {
    const ballot = await openBallotOfOne();
    const { id } = await webResidentVerified();
    const session = await openBoothFor(id, ballot.id);
    expect((await otherConsultant.get(`/centre-booth/${session}`)).status).toBe(403);
    expect((await otherConsultant.post(`/centre-booth/${session}`, { [ballot.field]: ballot.options[0]! })).status).toBe(403);
    expect(await participations(ballot.id, id)).toHaveLength(0);
  });

  it('turnout by channel reaches /stats and its CSV', async () => {
    await refreshStats();
    const csv = await (await new Browser().get('/stats/participation-by-channel.csv')).text();
    expect(csv).toMatch(/^activity,channel,count/m);
    expect(csv).toMatch(/^ballots,centre,[1-9]\d*$/m);
    expect(csv).toMatch(/^reports,centre,[1-9]\d*$/m);
    const page = await (await new Browser().get('/stats')).text();
    expect(page).toContain('Participation by channel');
  });
});
