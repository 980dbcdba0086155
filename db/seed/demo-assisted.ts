// Assisted service in the demo city (ADR 048): one consultant per centre, and at the central centre a person
// registered without e-mail, verified in person, with a report, an idea and a booth vote made on their behalf —
// through the same use-cases the desk calls, so the rows are what the product makes.
import { asc, eq, sql } from 'drizzle-orm';
import { assistedActions, categories, centres, projects, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { registerUser } from '#app/modules/accounts/register-user.server';
import { fileReportFor, proposeIdeaFor, registerResident, verifyResidentInPerson, type AtDesk } from '#app/modules/centres/assist.server';
import { castInBooth, openBooth } from '#app/modules/centres/booth.server';
import { getBallot, listBallots } from '#app/modules/votes/index.server';
import { demoPassword, demoPeople } from './demo-city';

/** The consultant of each demo centre signs in as consultant-<centre>@demo.vmeste.city (README, demo accounts). */
export const consultantEmail = (centreCode: string) => `consultant-${centreCode.replace(/^md-/, '')}@demo.vmeste.city`;

export async function seedDemoAssisted(): Promise<string> {
  const [done] = await db.select({ id: assistedActions.id }).from(assistedActions).limit(1);
  if (done) return 'already-seeded';
  const list = await db.select({ id: centres.id, code: centres.code, districtId: centres.districtId }).from(centres).orderBy(asc(centres.id));
  if (!list.length) return 'no centres';
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoPeople.find((p) => p.role === 'admin')!.email));
  const consultants: string[] = [];
  const names = ['Светлана Консультова', 'Павел Помогаев', 'Наталья Справкина', 'Игорь Услужнов', 'Мария Окошкина', 'Алексей Талонов'];
  for (const [i, centre] of list.entries()) {
    const email = consultantEmail(centre.code);
    const made = await registerUser({ name: names[i % names.length]!, email, password: demoPassword }, 'ru', '');
    const userId = made.ok ? made.value.userId : (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    await grantRole(admin!.id, { userId, role: 'consultant', centreId: centre.id });
    consultants.push(userId);
  }

  // At the central centre: a pensioner without e-mail, registered, verified, and helped to take part.
  const centre = list[0]!;
  const at: AtDesk = { consultantId: consultants[0]!, centreId: centre.id, consentAt: new Date() };
  const [open] = (await listBallots(['open'])).filter((b) => b.opensAt && b.opensAt.getTime() <= Date.now());
  const ballot = open ? await getBallot(open.id) : null;
  const districtId = ballot?.districtIds[0] ?? centre.districtId ?? undefined;
  const registered = await registerResident(at, { name: 'Зинаида Петровна Бумажкина', phone: '+79001234567', districtId, birthYear: 1948, consent: 'yes' }, 'ru');
  if (!registered.ok) return 'the assisted resident exists already';
  const residentId = registered.value.userId;
  const verified = await verifyResidentInPerson(at, { userId: residentId, documentKind: 'passport', districtId: districtId ?? 1, birthYear: 1948, consent: 'yes' });
  const counts = { verified: verified.ok, report: false, idea: false, booth: false };

  const [category] = await db.select({ id: categories.id }).from(categories).orderBy(asc(categories.id)).limit(1);
  const [point] = await db.execute<{ lat: number; lng: number }>(sql`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM centres WHERE id = ${centre.id}`);
  if (category && point) {
    const report = await fileReportFor(at, {
      userId: residentId,
      categoryId: category.id,
      lat: Number(point.lat) + 0.0004,
      lng: Number(point.lng) + 0.0004,
      address: 'У входа в центр «Мои документы»',
      description: 'Во дворе у входа в центр нет скамейки: пожилым людям негде подождать своей очереди.',
      confirmNew: 'yes',
      consent: 'yes',
    });
    counts.report = report.ok;
  }
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.stage, 'collecting')).orderBy(asc(projects.id)).limit(1);
  if (project) {
    const idea = await proposeIdeaFor(at, {
      userId: residentId,
      projectId: project.id,
      title: 'Скамейки вдоль дороги к поликлинике',
      body: 'Чтобы по дороге к поликлинике можно было присесть и отдохнуть: хотя бы каждые двести метров.',
      tags: [],
      confirmNew: 'yes',
      consent: 'yes',
    });
    counts.idea = idea.ok;
  }
  if (ballot && verified.ok && ballot.questions.every((q) => q.kind === 'single' || q.kind === 'multiple')) {
    const booth = await openBooth(at, residentId, ballot.id);
    if (booth.ok) {
      const raw = Object.fromEntries(ballot.questions.map((q) => [`q${q.id}`, [String(q.options[0]!.id)]]));
      counts.booth = (await castInBooth(booth.value.sessionId, centre.id, raw)).ok;
    }
  }
  return `${consultants.length} consultants; assisted resident verified ${counts.verified}, report ${counts.report}, idea ${counts.idea}, booth vote ${counts.booth}`;
}
