// The Surveys tool's demo content: "Parks and streets", a survey with every kind of question and a branch (residents
// who do not walk in parks skip the park page), answered by demo residents through the real use-case and open now;
// and "Winter cleaning", closed weeks ago, anonymous, so its counts are in the open data (small cells left out).
import { eq, like } from 'drizzle-orm';
import { surveys, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { instantToWallClock } from '#app/utils/time-zone';
import { answerSection } from '#app/modules/surveys/answer-survey.server';
import { addJump, addQuestion, addSection, createSurvey, publishSurvey } from '#app/modules/surveys/build-survey.server';
import type { QuestionFormInput } from '#app/modules/surveys/schemas';
import { DAY, rng } from './demo-time';

const random = rng(0x5e7);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const wall = (ms: number) => instantToWallClock(new Date(Date.now() + ms), env.CITY_TIMEZONE);

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }, what: string): T {
  if (!result.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const q = (sectionId: string, kind: QuestionFormInput['kind'], textRu: string, textEn: string, more: Partial<QuestionFormInput> = {}): QuestionFormInput => ({
  sectionId, kind, textRu, textEn, helpRu: undefined, helpEn: undefined, required: true, options: [], rows: [], other: false, scale: undefined, min: undefined, max: undefined, showIf: undefined, ...more,
});

const comments = ['Больше скамеек и освещения в парке', 'Нужны урны и туалеты', 'Сделайте велодорожку вдоль реки', 'Освещение вечером слабое', 'Детская площадка старая', 'More benches and lights please'];

async function parksSurvey(adminId: string): Promise<number> {
  const { id } = must(await createSurvey(adminId, { titleRu: 'Парки и улицы', titleEn: 'Parks and streets', descriptionRu: 'Расскажите, как вы пользуетесь парками и улицами района: это поможет спланировать ремонт.', descriptionEn: 'Tell us how you use your district’s parks and streets: it helps plan the repairs.', opensAt: wall(-3 * DAY), closesAt: wall(25 * DAY), anonymous: true, editable: false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 5, departmentId: undefined }), 'create survey');
  const add = async (input: QuestionFormInput) => must(await addQuestion(adminId, id, input), `question ${input.kind}`);
  await add(q('s1', 'single', 'Гуляете ли вы в парках района?', 'Do you walk in the district’s parks?', { options: ['Да | Yes', 'Нет | No'] }));
  await add(q('s1', 'multiple', 'Как вы добираетесь по району?', 'How do you get around the district?', { options: ['Пешком | On foot', 'На велосипеде | By bike', 'На автобусе | By bus', 'На машине | By car'], other: true }));
  await add(q('s1', 'scale', 'Насколько вероятно, что вы порекомендуете район друзьям?', 'How likely are you to recommend the district to a friend?', { scale: '0-10' }));
  await add(q('s1', 'number', 'Сколько человек в вашей семье?', 'How many people live in your household?', { min: 1, max: 20 }));
  must(await addSection(adminId, id, { ru: 'Парки', en: 'Parks' }), 'section parks');
  await add(q('s2', 'ranking', 'Что улучшить в парках в первую очередь?', 'What should parks improve first?', { options: ['Освещение | Lighting', 'Скамейки | Benches', 'Площадки | Playgrounds'] }));
  await add(q('s2', 'matrix', 'Оцените парк', 'Rate the park', { rows: ['Чистота | Cleanliness', 'Безопасность | Safety'], scale: '1-5' }));
  await add(q('s2', 'point', 'Где вы чаще всего гуляете?', 'Where do you walk most often?', { required: false }));
  must(await addSection(adminId, id, { ru: 'Напоследок', en: 'Finally' }), 'section last');
  await add(q('s3', 'date', 'Когда вы в последний раз были в парке или на прогулке?', 'When did you last go for a walk?', { required: false }));
  await add(q('s3', 'short', 'Ваша улица', 'Your street', { required: false }));
  await add(q('s3', 'long', 'Что ещё стоит сделать?', 'What else should be done?', { required: false }));
  await add(q('s3', 'photo', 'Фото места, которое нужно улучшить', 'A photo of a place to improve', { required: false }));
  must(await addJump(adminId, id, { sectionId: 's1', question: 'q1', option: 'o2', to: 's3' }), 'jump');
  must(await publishSurvey(adminId, id), 'publish');
  return id;
}

/** One resident's answers, page by page, as the form would send them. */
async function answerParks(userId: string, id: number) {
  const walks = random() < 0.75;
  const get = (fields: Record<string, string | string[]>) => (name: string) => [fields[name] ?? []].flat();
  const s1 = { q1: walks ? 'o1' : 'o2', q2: [pick(['o1', 'o2', 'o3', 'o4']), ...(random() < 0.1 ? ['other'] : [])], 'q2.other': 'Самокат', q3: String(Math.min(10, Math.floor(random() * 6) + 5)), q4: String(1 + Math.floor(random() * 5)) };
  must(await answerSection(userId, id, 's1', get(s1)), 's1');
  if (walks) {
    const order = [['1', '2', '3'], ['2', '1', '3'], ['1', '3', '2']][Math.floor(random() * 3)]!;
    must(await answerSection(userId, id, 's2', get({ 'q5.o1': order[0]!, 'q5.o2': order[1]!, 'q5.o3': order[2]!, 'q6.r1': String(2 + Math.floor(random() * 4)), 'q6.r2': String(2 + Math.floor(random() * 4)), 'q7.lat': (55.74 + random() * 0.02).toFixed(5), 'q7.lng': (37.6 + random() * 0.04).toFixed(5) })), 's2');
  }
  must(await answerSection(userId, id, 's3', get({ q8: new Date(Date.now() - Math.floor(random() * 20) * DAY).toISOString().slice(0, 10), q10: random() < 0.7 ? pick(comments) : '' })), 's3');
}

async function winterSurvey(adminId: string): Promise<number> {
  const { id } = must(await createSurvey(adminId, { titleRu: 'Уборка снега зимой', titleEn: 'Snow clearing this winter', descriptionRu: 'Как город убирал снег во дворах и на улицах.', descriptionEn: 'How the city cleared snow in yards and streets.', opensAt: wall(-60_000), closesAt: wall(DAY), anonymous: true, editable: false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 5, departmentId: undefined }), 'create winter');
  must(await addQuestion(adminId, id, q('s1', 'single', 'Как убирали снег во дворе?', 'How was your yard cleared?', { options: ['Хорошо | Well', 'Так себе | So-so', 'Плохо | Badly', 'Не убирали | Not at all'] })), 'winter q1');
  must(await addQuestion(adminId, id, q('s1', 'scale', 'Оцените уборку улиц', 'Rate the street clearing', { scale: '1-5' })), 'winter q2');
  must(await publishSurvey(adminId, id), 'publish winter');
  return id;
}

export async function seedDemoSurveys(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  const [seeded] = await db.select({ id: surveys.id }).from(surveys).limit(1);
  if (seeded) return 'already-seeded';
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.vmeste.city'));
  const residents = await db.select({ id: users.id }).from(users).where(like(users.email, 'voter-%@demo.vmeste.city')).orderBy(users.email).limit(90);
  if (!admin || residents.length < 30) return 'not-yet';
  const parks = await parksSurvey(admin.id);
  for (const r of residents.slice(0, 45)) await answerParks(r.id, parks);
  const winter = await winterSurvey(admin.id);
  // Weighted so that "not at all" stays under five: the open data shows it suppressed.
  const yards = ['o1', 'o1', 'o1', 'o2', 'o2', 'o3', 'o3', 'o1', 'o2', 'o3'];
  for (const [i, r] of residents.slice(45, 88).entries()) {
    const yard = i < 3 ? 'o4' : pick(yards);
    must(await answerSection(r.id, winter, 's1', (name) => (name === 'q1' ? [yard] : name === 'q2' ? [String(1 + Math.floor(random() * 5))] : [])), 'winter answer');
  }
  // The winter survey ran in February: move it back to when the story says it happened.
  await db.update(surveys).set({ opensAt: new Date(Date.now() - 75 * DAY), closesAt: new Date(Date.now() - 45 * DAY), publishedAt: new Date(Date.now() - 76 * DAY), createdAt: new Date(Date.now() - 77 * DAY) }).where(eq(surveys.id, winter));
  return 'seeded';
}
