// The Initiatives tool's demo content: one initiative a support short of its threshold, one that reached it (with
// the experts now), one that expired, and one waiting for a moderator. Through the real use-cases, so counts,
// notices and the audit log are what the app would have written; only dates are moved back afterwards. Also a
// city-wide expert, who decides on initiatives (the demo's other expert is kept to one project).
import { eq, inArray, like } from 'drizzle-orm';
import { initiatives, initiativeSupports, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { registerUser } from '#app/modules/accounts/register-user.server';
import { verifyResidentByAdmin } from '#app/modules/accounts/verify-resident.server';
import { expireInitiative } from '#app/modules/initiatives/expire-initiatives.server';
import { moderateInitiative } from '#app/modules/initiatives/moderate-initiative.server';
import { startInitiative } from '#app/modules/initiatives/start-initiative.server';
import { supportInitiative } from '#app/modules/initiatives/support-initiative.server';
import { demoPassword } from './demo-city';
import { DAY } from './demo-time';

async function must<T>(what: string, result: Promise<{ ok: true; value: T } | { ok: false; errors: unknown }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`initiatives seed: ${what} failed: ${JSON.stringify(r.errors)}`);
  return r.value;
}

async function idOf(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`initiatives seed: no ${email}`);
  return row.id;
}

const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

type Spec = { title: string; body: string; supports: (threshold: number) => number; ageDays: number; expire?: boolean };

const specs: Spec[] = [
  {
    title: 'Бесплатный вечерний автобус до больницы по выходным',
    body: 'По выходным последний автобус к городской больнице уходит в 18:00, и посетители добираются обратно на такси. Предлагаем пустить вечерний рейс до 22:00 по субботам и воскресеньям.',
    supports: (t) => t - 1,
    ageDays: 40,
  },
  {
    title: 'Пешеходный переход со светофором у школы №12',
    body: 'Дети каждый день перебегают четырёхполосную улицу у школы №12 без светофора. Просим сделать регулируемый переход и поставить ограждение вдоль тротуара.',
    supports: (t) => t,
    ageDays: 30,
  },
  {
    title: 'Фонтан на центральной площади круглый год',
    body: 'Предлагаем сделать фонтан на центральной площади круглогодичным: зимой с подсветкой и ледяными фигурами, чтобы площадь оставалась местом встреч горожан.',
    supports: () => 1,
    ageDays: 120,
    expire: true,
  },
];

export async function seedDemoInitiatives(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  const [seeded] = await db.select({ id: initiatives.id }).from(initiatives).limit(1);
  if (seeded) return 'already-seeded';
  const voters = await db.select({ id: users.id }).from(users).where(like(users.email, 'voter-%@demo.vmeste.city')).orderBy(users.email);
  if (!voters.length) return 'not-yet';
  const adminId = await idOf('admin@demo.vmeste.city');
  const authorId = await idOf('resident@demo.vmeste.city');
  const moderatorId = await idOf('moderator@demo.vmeste.city');

  const { userId: expertId } = await must('register the city expert', registerUser({ name: 'Эксперт по инициативам', email: 'expert.city@demo.vmeste.city', password: demoPassword }, 'ru', appUrl));
  await must('verify the city expert', verifyResidentByAdmin(adminId, expertId, true));
  await must('grant the city expert', grantRole(adminId, { userId: expertId, role: 'expert' }));

  let next = 0;
  for (const spec of specs) {
    const { initiativeId } = await must(`start ${spec.title}`, startInitiative(authorId, { title: spec.title, body: spec.body, scope: null }, []));
    await must(`approve ${spec.title}`, moderateInitiative(moderatorId, { intent: 'approve', initiativeId }));
    const [row] = await db.select({ threshold: initiatives.threshold }).from(initiatives).where(eq(initiatives.id, initiativeId));
    const wanted = spec.supports(row!.threshold!);
    for (const voter of voters.slice(next, next + wanted)) await must('support', supportInitiative(voter.id, initiativeId));
    next += wanted;
    // Dates moved back, so the lists show a history: started, checked a day later, supported since.
    const started = new Date(Date.now() - spec.ageDays * DAY);
    const collectsUntil = spec.expire ? new Date(Date.now() - (spec.ageDays - 90) * DAY) : undefined;
    await db
      .update(initiatives)
      .set({ createdAt: started, moderatedAt: new Date(started.getTime() + DAY), ...(collectsUntil ? { collectsUntil } : { collectsUntil: new Date(started.getTime() + DAY + 90 * DAY) }) })
      .where(eq(initiatives.id, initiativeId));
    await db.update(initiativeSupports).set({ createdAt: new Date(started.getTime() + 2 * DAY) }).where(inArray(initiativeSupports.initiativeId, [initiativeId]));
    if (spec.expire) await expireInitiative(initiativeId);
  }
  // And one that a moderator has not checked yet.
  await must(
    'start the pending one',
    startInitiative(authorId, { title: 'Велодорожка вдоль набережной до Речного парка', body: 'Предлагаем выделить велодорожку вдоль всей набережной до Речного парка, отделив её от тротуара бордюром, чтобы пешеходы и велосипедисты не мешали друг другу.', scope: null }, []),
  );
  return 'seeded';
}
