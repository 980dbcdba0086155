// The Ideas tool's demo content: "Our clinics" (collecting ideas) and "Parks" (past its vote: stage results, with a
// reviewed shortlist the Votes seed turns into a ballot). About a hundred ideas with comments, supports, abuse
// reports, a few near-duplicates left for a moderator to merge, and expert assessments. Everything goes through
// the real use-cases (so counters and the audit log are what the app would have written); only the dates are
// moved back afterwards, one UPDATE per table, so the lists and the dashboards show three months of activity,
// each thing inside its project's stages. Deterministic, and seeds once.
import { eq, like } from 'drizzle-orm';
import { projects, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { advanceStage } from '#app/modules/ideas/advance-stage.server';
import { assessIdea, shortlistIdea } from '#app/modules/ideas/assess-idea.server';
import { commentOnIdea } from '#app/modules/ideas/comment-on-idea.server';
import { flagAbuse } from '#app/modules/ideas/flag-abuse.server';
import { moderateIdea } from '#app/modules/ideas/moderate-idea.server';
import { proposeIdea } from '#app/modules/ideas/propose-idea.server';
import { saveProject } from '#app/modules/ideas/save-project.server';
import { stages } from '#app/modules/ideas/stages';
import { supportIdea } from '#app/modules/ideas/support-idea.server';
import { activityAt, DAY, rng } from './demo-time';

async function must<T>(what: string, result: Promise<{ ok: true; value: T } | { ok: false; errors: unknown }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`ideas seed: ${what} failed: ${JSON.stringify(r.errors)}`);
  return r.value;
}

async function idOf(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`ideas seed: no ${email}`);
  return row.id;
}

const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Stage dates: each stage `lengths[i]` days long, the current one around today. */
function stageDates(firstStart: number, lengths: number[]) {
  const out: Record<string, string> = {};
  let at = firstStart;
  stages.forEach((s, i) => {
    out[`${s}Starts`] = day(at);
    at += lengths[i]!;
    out[`${s}Ends`] = day(at);
  });
  return out as Record<`${(typeof stages)[number]}${'Starts' | 'Ends'}`, string>;
}

// [title, tags]; bodies are made from the title and a few sentences residents typically add.
const clinicIdeas: [string, string[]][] = [
  ['Пандус у входа в поликлинику №3', ['доступность', 'пандусы']],
  ['Электронная очередь к терапевту без звонков', ['запись', 'очереди']],
  ['Запись к узким специалистам через приложение', ['запись']],
  ['Кулеры с питьевой водой в коридорах', ['комфорт']],
  ['Детская игровая зона в педиатрии', ['дети', 'комфорт']],
  ['Вечерний приём для работающих по будням', ['расписание']],
  ['Приём по субботам в районных поликлиниках', ['расписание']],
  ['Бесплатная парковка для пациентов с инвалидностью', ['доступность', 'парковка']],
  ['Табло с номером талона и временем ожидания', ['очереди']],
  ['Отдельный вход для пациентов с температурой', ['инфекции']],
  ['Навигация шрифтом Брайля и контрастные указатели', ['доступность']],
  ['Лифт в здании женской консультации', ['доступность']],
  ['Напоминание о приёме по СМС за день', ['запись']],
  ['Больше мест для ожидания в регистратуре', ['комфорт', 'очереди']],
  ['Выездной флюорограф в спальных районах', ['профилактика']],
  ['Кабинет неотложной помощи без записи', ['неотложка']],
  ['Зарядные станции для телефонов в холле', ['комфорт']],
  ['Онлайн-консультации с врачом по результатам анализов', ['телемедицина']],
  ['Результаты анализов в личном кабинете', ['телемедицина', 'анализы']],
  ['Сдача анализов с 7 утра', ['анализы', 'расписание']],
  ['Пеленальные столики в каждой поликлинике', ['дети']],
  ['Велопарковка у поликлиники', ['транспорт']],
  ['Автобусная остановка ближе к больнице', ['транспорт']],
  ['Навес над входом от дождя и снега', ['комфорт']],
  ['Тёплый тамбур на входе зимой', ['комфорт']],
  ['Школа здоровья для пожилых', ['профилактика', 'пожилые']],
  ['Бесплатные курсы первой помощи для жителей', ['профилактика']],
  ['Дежурная аптека при поликлинике', ['лекарства']],
  ['Окно выдачи справок без очереди', ['очереди']],
  ['Понятные квитанции и памятки на двух языках', ['информация']],
  ['Тихая комната для детей с аутизмом', ['дети', 'доступность']],
  ['Дневной стационар в Южном районе', ['стационар']],
  ['Кабинет физиотерапии в Заречном', ['реабилитация']],
  ['Бассейн для реабилитации после травм', ['реабилитация']],
  ['Поручни вдоль коридоров для пожилых', ['доступность', 'пожилые']],
  ['Голосовое оповещение о вызове в кабинет', ['очереди', 'доступность']],
  ['Запись к стоматологу на выходные', ['запись', 'стоматология']],
  ['Прививочный кабинет без предварительной записи', ['профилактика']],
  ['Отзывы пациентов о работе отделений', ['информация']],
  ['Бесплатный Wi-Fi в поликлиниках', ['комфорт']],
  ['Кнопка вызова персонала у входа для маломобильных', ['доступность']],
  ['Скамейки у входа и в сквере больницы', ['комфорт']],
  ['Освещение дорожки к приёмному покою', ['безопасность']],
  ['Вакцинация от гриппа в торговых центрах', ['профилактика']],
  ['Карта поликлиник с часами работы на сайте', ['информация']],
  ['Приём педиатра на дому по онлайн-заявке', ['дети', 'запись']],
  ['Мобильный пункт диспансеризации во дворах', ['профилактика']],
  ['Гардероб, работающий до закрытия', ['комфорт']],
  ['Обучение врачей общению с пациентами', ['качество']],
  ['Ремонт туалетов в поликлинике №7', ['ремонт']],
  ['Защищённая велодорожка к городской больнице', ['транспорт']],
  ['Переводчик жестового языка по видеосвязи', ['доступность']],
  ['Уголок для кормления грудью', ['дети']],
  ['Сокращение бумажных направлений', ['запись']],
  ['Пункт проката костылей и колясок', ['реабилитация']],
];

// Near-duplicates of ideas above, as residents really write them: a moderator merges them.
const clinicDuplicates: [string, string[]][] = [
  ['Пандус у входа в поликлинику № 3 на Садовой', ['пандусы']],
  ['Электронная очередь к терапевту, чтобы не звонить', ['очереди']],
  ['Вечерний приём врачей для работающих', ['расписание']],
  ['Кулеры с водой в коридорах поликлиник', ['комфорт']],
];

const parkIdeas: [string, string[]][] = [
  ['Освещение аллей в Сосновом бору', ['безопасность', 'освещение']],
  ['Площадка для выгула собак в Речном парке', ['собаки']],
  ['Общественные туалеты в центральном парке', ['комфорт']],
  ['Скейт-парк у набережной', ['спорт', 'молодёжь']],
  ['Тренажёры для пожилых в сквере у рынка', ['спорт', 'пожилые']],
  ['Велодорожка вокруг пруда', ['велосипед']],
  ['Летний кинотеатр под открытым небом', ['досуг']],
  ['Инклюзивная детская площадка', ['дети', 'доступность']],
  ['Питьевые фонтанчики вдоль дорожек', ['комфорт']],
  ['Прокат лыж зимой в лесопарке', ['спорт']],
  ['Экотропа с табличками о растениях', ['природа']],
  ['Скамейки со спинками и навесы от солнца', ['комфорт']],
  ['Урны для раздельного сбора мусора', ['экология']],
  ['Сцена для уличных музыкантов', ['досуг']],
  ['Каток с бесплатным прокатом коньков', ['спорт', 'зима']],
  ['Шахматный клуб под навесом', ['досуг', 'пожилые']],
  ['Посадка яблоневого сада силами жителей', ['природа']],
  ['Пешеходный мост через овраг в Лесном', ['дорожки']],
  ['Workout-площадка в Заводском районе', ['спорт']],
  ['Фестиваль соседей в парке раз в месяц', ['досуг']],
  ['Камеры и кнопки экстренной связи в парке', ['безопасность']],
  ['Домики для птиц и кормушки', ['природа']],
  ['Лодочная станция на пруду', ['досуг']],
  ['Освещённая лыжня для вечерних прогулок', ['спорт', 'зима']],
  ['Песочная площадка для пляжного волейбола', ['спорт']],
  ['Зона для пикников с мангалами', ['досуг']],
  ['Детская железная дорога вдоль озера', ['дети']],
  ['Ремонт дорожек и лестниц в старом парке', ['дорожки']],
  ['Велопарковки у входов в парк', ['велосипед']],
  ['Ботанический уголок с редкими растениями', ['природа']],
];

const bodyLines = [
  'Сейчас люди жалуются на это каждую неделю, особенно пожилые и родители с детьми.',
  'В соседних городах так уже сделали, и это недорого.',
  'Готов помочь собрать подписи и обсудить детали с администрацией.',
  'Это сэкономит время и жителям, и сотрудникам.',
  'Предлагаю начать с одного района и посмотреть на результат.',
  'Особенно важно для тех, кто живёт далеко от центра.',
];
const commentLines = [
  'Полностью поддерживаю, давно пора.',
  'А кто будет за это платить? Хорошо бы посчитать стоимость.',
  'У нас в районе та же проблема.',
  'Можно сделать проще и дешевле, начать с пилотного проекта.',
  'Был в другом городе — там это отлично работает.',
  'Главное, чтобы потом следили за состоянием.',
  'Согласна, особенно для мам с колясками.',
  'Я против: есть задачи важнее.',
];
const replyLines = ['Согласен с вами.', 'Стоимость небольшая, я смотрел сметы похожих проектов.', 'Пилот — хорошая идея.', 'Поддерживаю, напишу в совет района.'];

function body(r: () => number, title: string) {
  const lines = [...bodyLines].sort(() => r() - 0.5).slice(0, 2);
  return `${title}. ${lines.join(' ')}`;
}

export async function seedDemoIdeas(): Promise<'seeded' | 'already-seeded'> {
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, 'clinics'));
  if (existing) return 'already-seeded';
  const r = rng(2026);
  // When things happened comes from its own generator, so the content (who wrote and supported what) stays the same.
  const when = rng(0x1dea5);
  const now = Date.now();
  const adminId = await idOf('admin@demo.vmeste.city');
  const moderator = { id: await idOf('moderator@demo.vmeste.city'), scope: 'all' as const };
  const expertId = await idOf('expert@demo.vmeste.city');
  const residentId = await idOf('resident@demo.vmeste.city');
  const people = [residentId, ...(await db.select({ id: users.id }).from(users).where(like(users.email, 'resident__@demo.vmeste.city'))).map((u) => u.id)];
  const somebody = () => people[Math.floor(r() * people.length)]!;

  const clinics = await must('project clinics', saveProject(adminId, null, {
    slug: 'clinics',
    titleRu: 'Наши поликлиники',
    titleEn: 'Our clinics',
    descriptionRu: 'Как сделать городские поликлиники удобнее: запись, очереди, доступность для всех, комфорт в ожидании. Предлагайте идеи и поддерживайте чужие — лучшие эксперты вынесут на городское голосование.',
    descriptionEn: 'How to make the city clinics better: appointments, queues, access for everyone, comfort while waiting. Propose ideas and support others; experts put the best to a city-wide vote.',
    districtIds: [],
    ...stageDates(-60, [85, 20, 14, 7, 180, 30]),
  }, null));
  const parks = await must('project parks', saveProject(adminId, null, {
    slug: 'parks',
    titleRu: 'Парки',
    titleEn: 'Parks',
    descriptionRu: 'Какими должны стать парки и скверы города. Сбор идей завершён, эксперты отобрали лучшие, горожане проголосовали.',
    descriptionEn: 'What the city parks and squares should become. Ideas were collected, experts shortlisted the best, residents voted.',
    districtIds: [],
    ...stageDates(-90, [40, 20, 14, 30, 120, 30]),
  }, null));
  for (const projectId of [clinics.id, parks.id]) await must('grant expert', grantRole(adminId, { userId: expertId, role: 'expert', projectId, departmentId: undefined }));

  // When each idea was proposed (ms), and until when its project took supports and comments.
  const proposedAt = new Map<number, number>();
  const openUntil = new Map<number, { supports: number; comments: number }>();
  const seedIdeas = async (projectId: number, list: [string, string[]][], fromDay: number, toDay: number) => {
    const ids: number[] = [];
    for (const [title, tags] of list) {
      const { ideaId } = await must(`idea ${title}`, proposeIdea(somebody(), projectId, { title, body: body(r, title), tags, confirmNew: 'yes' }, []));
      ids.push(ideaId);
    }
    // Spread over the collecting stage, oldest first, so "newest" has a story.
    const slot = ((toDay - fromDay) * DAY) / ids.length;
    for (const [i, id] of ids.entries()) proposedAt.set(id, now + fromDay * DAY + (i + r()) * slot);
    return ids;
  };
  // "Our clinics" collects now (its ideas over the last two months); "Parks" collected from 90 to 50 days ago,
  // took supports until its review ended (30 days ago) and comments until its vote ended (16 days ago).
  const clinicIds = await seedIdeas(clinics.id, clinicIdeas, -59, -1);
  const duplicateIds: number[] = [];
  for (const [title, tags] of clinicDuplicates) {
    const { ideaId } = await must(`duplicate ${title}`, proposeIdea(somebody(), clinics.id, { title, body: body(r, title), tags, confirmNew: 'yes' }, []));
    duplicateIds.push(ideaId);
    proposedAt.set(ideaId, activityAt(when, now - DAY, now - 2 * 3_600_000).getTime());
  }
  const parkIds = await seedIdeas(parks.id, parkIdeas, -89, -51);
  for (const id of [...clinicIds, ...duplicateIds]) openUntil.set(id, { supports: now - 30 * 60_000, comments: now - 30 * 60_000 });
  for (const id of parkIds) openUntil.set(id, { supports: now - 30 * DAY, comments: now - 16 * DAY });
  const supportedAt = new Map<string, Date>();
  const commentedAt = new Map<number, Date>();

  // Supports: popular ideas get many, most a few; the demo resident supports some (and an original and its duplicate).
  const supportAll = async (ids: number[]) => {
    for (const id of ids) {
      const n = Math.floor(r() ** 2 * people.length);
      for (const userId of [...people].sort(() => r() - 0.5).slice(0, n)) {
        await must('support', supportIdea(userId, id, 'support'));
        supportedAt.set(`${id}:${userId}`, activityAt(when, proposedAt.get(id)!, openUntil.get(id)!.supports, now));
      }
    }
  };
  await supportAll([...clinicIds, ...duplicateIds, ...parkIds]);
  for (const id of [clinicIds[0]!, duplicateIds[0]!]) {
    await must('support dup', supportIdea(residentId, id, 'support'));
    if (!supportedAt.has(`${id}:${residentId}`)) supportedAt.set(`${id}:${residentId}`, activityAt(when, proposedAt.get(id)!, now - 30 * 60_000, now));
  }

  // Discussion: comments and replies on about half the ideas.
  for (const id of [...clinicIds, ...duplicateIds, ...parkIds]) {
    if (r() < 0.45) continue;
    const count = 1 + Math.floor(r() * 4);
    for (let i = 0; i < count; i++) {
      const { commentId } = await must('comment', commentOnIdea(somebody(), id, { body: commentLines[Math.floor(r() * commentLines.length)]! }));
      const at = activityAt(when, proposedAt.get(id)!, openUntil.get(id)!.comments, now);
      commentedAt.set(commentId, at);
      if (r() < 0.3) {
        const { commentId: replyId } = await must('reply', commentOnIdea(somebody(), id, { body: replyLines[Math.floor(r() * replyLines.length)]!, parentId: commentId }));
        commentedAt.set(replyId, activityAt(when, at.getTime(), openUntil.get(id)!.comments, now));
      }
    }
  }

  // Moderation: most ideas looked at; one hidden with a public reason; two open abuse reports; duplicates left to merge.
  for (const id of [...clinicIds.slice(0, -4), ...parkIds]) await must('approve', moderateIdea(moderator, { intent: 'approve', ideaId: id }));
  const { ideaId: offTopic } = await must('off-topic idea', proposeIdea(somebody(), clinics.id, { title: 'Продам гараж недорого, звоните', body: 'Продам гараж в хорошем состоянии, недорого, звоните в любое время.', tags: [], confirmNew: 'yes' }, []));
  await must('hide', moderateIdea(moderator, { intent: 'hide', ideaId: offTopic, reason: 'Объявление не относится к теме проекта' }));
  await must('flag', flagAbuse(residentId, clinicIds[7]!, { reason: 'Повтор другой идеи' }));
  await must('flag', flagAbuse(people[1] ?? residentId, clinicIds[12]!, { reason: 'Реклама' }));

  // Parks: review, assessments, a shortlist of five, then past the vote (the Votes seed builds the ballot from it).
  await must('parks reviewing', advanceStage(adminId, parks.id, 'reviewing'));
  const expert = { id: expertId, canAssess: () => true };
  const verdicts = ['recommend', 'needs_work', 'reject'] as const;
  const ranked = [...parkIds].sort((a, b) => a - b);
  for (const [i, id] of ranked.entries()) {
    if (i >= 24) break;
    const score = i < 5 ? 5 - (i % 2) : 1 + Math.floor(r() * 4);
    await must('assess', assessIdea(expert, { ideaId: id, score, verdict: i < 5 ? 'recommend' : verdicts[Math.floor(r() * 3)]!, note: i < 5 ? 'Реалистично и востребовано; стоимость умеренная.' : 'Нужно уточнить стоимость и место.' }));
  }
  for (const id of ranked.slice(0, 5)) await must('shortlist', shortlistIdea(expert, id, true));
  await must('parks voting', advanceStage(adminId, parks.id, 'voting'));
  await must('parks results', advanceStage(adminId, parks.id, 'results'));

  // Now every row is moved back to when its plan says it happened: one UPDATE per table.
  const assessedAt = new Map(ranked.slice(0, 24).map((id) => [id, activityAt(when, now - 49 * DAY, now - 31 * DAY, now)]));
  await sql.begin(async (tx) => {
    const proposed = [...proposedAt.entries()];
    // The moderators looked within the day (an idea not yet looked at keeps none).
    await tx`UPDATE ideas i SET created_at = v.at, updated_at = v.at,
        moderated_at = CASE WHEN i.moderated_at IS NULL THEN NULL ELSE least(v.at + make_interval(hours => 2 + i.id::int % 18), ${new Date(now).toISOString()}::timestamptz) END
      FROM jsonb_to_recordset(${JSON.stringify(proposed.map(([id, at]) => ({ id, at: new Date(at) })))}::jsonb) AS v(id bigint, at timestamptz) WHERE i.id = v.id`;
    const supports = [...supportedAt.entries()];
    await tx`UPDATE idea_supports s SET created_at = v.at
      FROM jsonb_to_recordset(${JSON.stringify(supports.map(([key, at]) => ({ idea_id: Number(key.split(':')[0]), user_id: key.split(':')[1], at })))}::jsonb) AS v(idea_id bigint, user_id uuid, at timestamptz)
      WHERE s.idea_id = v.idea_id AND s.user_id = v.user_id`;
    const comments = [...commentedAt.entries()];
    await tx`UPDATE idea_comments c SET created_at = v.at, updated_at = v.at
      FROM jsonb_to_recordset(${JSON.stringify(comments.map(([id, at]) => ({ id, at })))}::jsonb) AS v(id bigint, at timestamptz) WHERE c.id = v.id`;
    await tx`UPDATE notifications n SET created_at = c.created_at FROM idea_comments c
      WHERE n.kind = 'ideas.notice.reply' AND n.link = '/ideas/' || c.idea_id || '#comment-' || c.id`;
    const assessed = [...assessedAt.entries()];
    await tx`UPDATE idea_assessments a SET created_at = v.at, updated_at = v.at
      FROM jsonb_to_recordset(${JSON.stringify(assessed.map(([id, at]) => ({ idea_id: id, at })))}::jsonb) AS v(idea_id bigint, at timestamptz) WHERE a.idea_id = v.idea_id`;
    await tx`UPDATE ideas i SET shortlisted_at = a.created_at, updated_at = a.created_at FROM idea_assessments a WHERE a.idea_id = i.id AND i.shortlisted_at IS NOT NULL`;
  });
  return 'seeded';
}
