// Seeds the demo city once: districts, departments, categories, holidays, one person per role; then each tool's content.
// It goes through the same use-cases as the admin pages, so the seed is audited like real work.
import { eq } from 'drizzle-orm';
import { roleGrants, users, districts as districtsTable } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { recordAudit } from '#app/modules/audit/record-audit.server';
import { registerUser } from '#app/modules/accounts/register-user.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { verifyResidentByAdmin } from '#app/modules/accounts/verify-resident.server';
import { importDistricts } from '#app/modules/city/import-districts.server';
import { saveDepartment } from '#app/modules/city/save-department.server';
import { saveCategory } from '#app/modules/city/save-category.server';
import { saveHoliday } from '#app/modules/city/holidays.server';
import { demoCategories, demoDepartments, demoDistricts, demoGeoJson, demoHolidays, demoPassword, demoPeople } from './demo-city';
import { seedDemoReports } from './demo-reports';
import { seedDemoIdeas } from './demo-ideas';
import { seedDemoVotes } from './demo-votes';
import { seedDemoBallotKinds } from './demo-ballot-kinds';
import { seedDemoFeedback } from './demo-feedback';
import { seedDemoInitiatives } from './demo-initiatives';
import { seedDemoSurveys } from './demo-surveys';
import { seedDemoCentres } from './demo-centres';
import { seedDemoAssisted } from './demo-assisted';
import { seedDemoAddresses } from './demo-addresses';
import { seedDemoAlerts } from './demo-alerts';
import { DAY } from './demo-time';
import { refreshStats } from '#app/modules/stats/index.server';

const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }, what: string): T {
  if (!result.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(result.errors)}`);
  return result.value;
}

export async function seedDemoCity(): Promise<'seeded' | 'already-seeded'> {
  const adminSpec = demoPeople.find((p) => p.role === 'admin')!;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, adminSpec.email));
  if (existing) return 'already-seeded';

  const ids = new Map<string, string>();
  for (const person of demoPeople) {
    const { userId } = must(await registerUser({ name: person.name, email: person.email, password: demoPassword }, 'ru', appUrl), `register ${person.email}`);
    ids.set(person.email, userId);
  }
  const adminId = ids.get(adminSpec.email)!;
  // The first admin cannot be granted by an admin: the seed bootstraps it and says so in the audit log.
  await db.transaction(async (tx) => {
    await tx.insert(roleGrants).values({ userId: adminId, role: 'admin' });
    await recordAudit(tx, { actorId: adminId, action: 'role.bootstrap', targetType: 'user', targetId: adminId, after: { role: 'admin', by: 'seed' } });
  });

  must(await importDistricts(adminId, JSON.stringify(demoGeoJson())), 'import districts');
  const districtRows = await db.select({ id: districtsTable.id, code: districtsTable.code }).from(districtsTable);
  const districtId = new Map(districtRows.map((d) => [d.code, d.id]));
  const departmentId = new Map<string, number>();
  for (const dep of demoDepartments) {
    const covered = demoDistricts.filter((d) => (dep.groups as readonly string[]).includes(d.group)).map((d) => districtId.get(d.code)!);
    const { id } = must(await saveDepartment(adminId, { nameRu: dep.nameRu, nameEn: dep.nameEn, kind: dep.kind, email: `${dep.key}@demo.vmeste.city`, districtIds: covered }), `department ${dep.key}`);
    departmentId.set(dep.key, id);
  }
  for (const [code, nameRu, nameEn, groupRu, groupEn, departmentKind, days] of demoCategories) {
    must(await saveCategory(adminId, { code, nameRu, nameEn, groupRu, groupEn, departmentKind, answerSla: days, answerSlaUnit: 'working_days', moderationSlaSeconds: 24 * 3600 }), `category ${code}`);
  }
  for (const [day, nameRu, nameEn] of demoHolidays) must(await saveHoliday(adminId, { day, nameRu, nameEn }), `holiday ${day}`);

  // The staff and the verified residents have been here longer than the demo's history; the newcomer just arrived.
  const longAgo = new Date(Date.now() - 200 * DAY);
  for (const person of demoPeople) {
    const userId = ids.get(person.email)!;
    const since = person.role || person.verified ? { createdAt: longAgo, updatedAt: longAgo } : {};
    await db.update(users).set({ districtId: districtId.get(person.district)!, birthYear: person.birthYear, ...since }).where(eq(users.id, userId));
    // The expert's grant is scoped to a project, so the Ideas seed gives it once its projects exist.
    if (person.role && person.role !== 'admin' && person.role !== 'expert') {
      const scope = person.role === 'department' ? { departmentId: departmentId.get(person.department!)! } : {};
      must(await grantRole(adminId, { userId, role: person.role, ...scope }), `grant ${person.role}`);
    }
    if (person.verified) must(await verifyResidentByAdmin(adminId, userId, true), `verify ${person.email}`);
  }
  await seedDemoReports();
  return 'seeded';
}

/** Every tool's demo content; each part seeds itself once, so a city seeded before a tool existed gains it. */
export async function seedDemo(): Promise<string[]> {
  const done = [`city: ${await seedDemoCity()}`];
  done.push(`addresses: ${await seedDemoAddresses()}`);
  done.push(`ideas: ${await seedDemoIdeas()}`);
  done.push(`votes: ${await seedDemoVotes()}`);
  done.push(`surveys: ${await seedDemoSurveys()}`);
  done.push(`ranked, graded and budget ballots: ${await seedDemoBallotKinds()}`);
  done.push(`feedback: ${await seedDemoFeedback()}`);
  done.push(`initiatives: ${await seedDemoInitiatives()}`);
  done.push(`centres: ${await seedDemoCentres()}`);
  done.push(`assisted service: ${await seedDemoAssisted()}`);
  done.push(`alerts by area: ${await seedDemoAlerts()}`);
  // The dashboards show figures from the first page view, before the workers' first recount.
  const counted = await refreshStats();
  done.push(`stats: ${counted.daily} daily figures, ${counted.totals} totals`);
  return done;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  try {
    for (const line of await seedDemo()) console.log(`[seed] ${line}`);
  } finally {
    await closeConnections();
  }
}
