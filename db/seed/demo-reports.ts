// The demo city's report history: ~300 reports in all 12 districts and in every state, as if filed over the
// last three months (more on weekdays, a few more each week), so the map, the queues and the league table look alive on the first run.
// Each report goes through the real use-cases (submit → moderate → route → remind/escalate → answer or dispute →
// rate → arbitrate); after each step its rows are moved back to the moment the report's plan says it happened.
// Deterministic: fixed seeds, so every fresh demo tells the same story (relative to the day it is seeded).
import { Queue } from 'bullmq';
import { desc, eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { categories, departments, districts, emailOutbox, notifications, reportAnswers, reportFollowers, reports, users } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { producerRedis, queuePrefix } from '#app/utils/redis.server';
import { registerUser } from '#app/modules/accounts/register-user.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { answerReport, disputeReport } from '#app/modules/reports/answer-report.server';
import { arbitrateReport } from '#app/modules/reports/arbitrate-report.server';
import { answerDueAt, moderationDueAt, reminderAt } from '#app/modules/reports/deadlines.server';
import { escalateReport, remindReport } from '#app/modules/reports/escalate-report.server';
import { cancelDeadline, routingJobId, routingQueueName, scheduleDeadline, type DeadlineKind } from '#app/modules/reports/jobs';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { rateAnswer } from '#app/modules/reports/rate-answer.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import type { rejectReasons } from '#app/modules/reports/schemas';
import { followReport, submitReport } from '#app/modules/reports/submit-report.server';
import { at, demoCategories, demoDepartments, demoDistricts, demoPassword } from './demo-city';
import { demandOn, demoDays, rng, type Rng } from './demo-time';

const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness (the generator is the whole seed's, in demo-time.ts)

const between = (r: Rng, a: number, b: number) => a + r() * (b - a);
const int = (r: Rng, a: number, b: number) => Math.floor(between(r, a, b + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
function weighted<T>(r: Rng, xs: readonly (readonly [T, number])[]): T {
  let x = r() * xs.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of xs) if ((x -= w) < 0) return value;
  return xs[xs.length - 1]![0];
}
function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// ---------------------------------------------------------------------------------------------------------------
// Word lists

const streets: Record<string, readonly string[]> = {
  centralny: ['ул. Советская', 'пр-т Мира', 'ул. Пушкинская', 'Театральная пл.', 'ул. Кирова'],
  tverskoy: ['ул. Тверская', 'ул. Маяковского', 'Тверской бульв.', 'ул. Гагарина'],
  zarechny: ['ул. Заречная', 'Набережная ул.', 'ул. Рыбацкая', 'Мостовой пер.'],
  sadovy: ['ул. Садовая', 'ул. Вишнёвая', 'Яблоневый пер.', 'ул. Мичурина'],
  zavodskoy: ['ул. Заводская', 'ул. Металлистов', 'пр-т Труда', 'ул. Станкостроителей'],
  lesnoy: ['ул. Лесная', 'ул. Берёзовая', 'Кленовый бульв.', 'ул. Рябиновая'],
  severny: ['ул. Северная', 'ул. Полярная', 'Северный пр-т', 'ул. Челюскинцев'],
  vostochny: ['ул. Восточная', 'ул. Рассветная', 'ш. Энтузиастов', 'ул. Солнечная'],
  rechnoy: ['ул. Речная', 'ул. Лодочная', 'Затонный пер.', 'ул. Причальная'],
  yuzhny: ['ул. Южная', 'ул. Степная', 'Южный бульв.', 'ул. Черноморская'],
  zapadny: ['ул. Западная', 'ул. Закатная', 'Западный пр-т', 'ул. Молодёжная'],
  sosnovy: ['ул. Сосновая', 'ул. Хвойная', 'Боровой пер.', 'ул. Кедровая'],
};
const busStops = ['Школа', 'Поликлиника', 'Универсам', 'Парк', 'Рынок', 'Библиотека', 'Дом культуры', 'Почта'];

type CategoryCode = (typeof demoCategories)[number][0];
type Kind = (typeof demoDepartments)[number]['kind'];

function address(r: Rng, district: string, code: CategoryCode, kind: Kind): string {
  const street = pick(r, streets[district]!);
  const house = int(r, 1, 120);
  const building = house % 3 === 0 ? `, корп. ${int(r, 1, 3)}` : '';
  switch (kind) {
    case 'roads':
      return pick(r, [`${street}, д. ${house}`, `${street}, напротив д. ${house}`, `${street}, у д. ${house}, пешеходный переход`]);
    case 'housing':
      return `${street}, д. ${house}${building}, подъезд ${int(r, 1, 6)}`;
    case 'parks':
      return code === 'playground' ? `${street}, д. ${house}, детская площадка во дворе` : pick(r, [`${street}, д. ${house}, во дворе`, `сквер у д. ${house}, ${street}`]);
    case 'clinics':
      return `${street}, д. ${house}, поликлиника № ${int(r, 1, 24)}`;
    case 'transport':
      return `${street}, остановка «${pick(r, busStops)}»`;
    case 'sanitation':
      return code === 'garbage' ? `${street}, д. ${house}${building}, контейнерная площадка` : pick(r, [`${street}, пустырь за д. ${house}`, `${street}, за гаражами у д. ${house}`]);
  }
}

const problems: Record<CategoryCode, readonly string[]> = {
  pothole: [
    'Глубокая яма на проезжей части, машины объезжают её по встречной полосе.',
    'Большая выбоина у пешеходного перехода, после дождя её не видно под водой.',
    'Несколько ям подряд на дороге, сосед уже повредил колесо.',
    'Просел асфальт возле люка, яма примерно полметра в диаметре.',
  ],
  'road-marking': [
    'Пешеходный переход почти не виден: разметка стёрлась полностью.',
    'Стёрлась разметка у школы, водители не снижают скорость.',
    'Не видно разделительной полосы на повороте, особенно в темноте.',
  ],
  streetlight: [
    'Не горят три фонаря подряд, вечером на улице совершенно темно.',
    'Фонарь у дома мигает и гаснет, дорожка к остановке не освещена.',
    'Не работает уличное освещение на всём участке вдоль дома.',
  ],
  'sidewalk-ice': [
    'Тротуар покрыт сплошной наледью, люди падают.',
    'Наледь на ступенях у перехода, ничем не посыпано.',
    'С крыши капает, и внизу на тротуаре образовался каток.',
  ],
  'entrance-repair': [
    'В подъезде облупилась краска, на стенах плесень, ремонта не было много лет.',
    'Сломана входная дверь подъезда, не закрывается, доводчик оторван.',
    'В подъезде выбиты стёкла на лестнице между третьим и четвёртым этажами.',
  ],
  'roof-leak': [
    'После каждого дождя протекает крыша, вода течёт по стене на последнем этаже.',
    'Течёт кровля над квартирой на последнем этаже, на потолке пятна.',
  ],
  elevator: ['Лифт не работает, в доме живут пожилые люди, им тяжело подниматься.', 'Лифт застревает между этажами, сегодня в нём просидели полчаса.'],
  heating: ['Батареи в квартире едва тёплые, в комнатах +16.', 'Во всём стояке нет отопления, в квартирах очень холодно.'],
  playground: [
    'На детской площадке сломаны качели, торчат острые края.',
    'Сломана горка, в настиле дыра, дети могут пораниться.',
    'Песочница разломана, доски с гвоздями лежат прямо на площадке.',
  ],
  'fallen-tree': [
    'Упало дерево и перегородило пешеходную дорожку.',
    'Большая ветка обломилась и висит над тротуаром, может упасть на людей.',
    'После сильного ветра дерево упало на детскую площадку.',
  ],
  'park-bench': ['Сломана скамейка: нет двух досок, сидеть невозможно.', 'Скамейки в сквере разломаны, одна перевёрнута.'],
  'clinic-access': [
    'У входа в поликлинику нет пандуса, на инвалидной коляске или с детской коляской не попасть.',
    'Пандус у поликлиники слишком крутой и без поручней.',
  ],
  'bus-stop': [
    'На остановке разбито стекло павильона, осколки лежат на земле.',
    'Остановка без навеса и скамейки, ждать автобус приходится под дождём.',
    'Сломана скамейка в павильоне, не работает табло с расписанием.',
  ],
  garbage: [
    'Мусор не вывозят уже несколько дней, баки переполнены.',
    'Контейнеры переполнены, вокруг разбросаны пакеты, появились крысы.',
    'Не вывезли крупногабаритный мусор с площадки.',
  ],
  'illegal-dump': [
    'Образовалась свалка строительного мусора.',
    'Кто-то регулярно вываливает мусор на пустыре, куча растёт.',
    'Вдоль дороги выброшены старые шины и мебель.',
  ],
};
const durations = ['Так уже две недели.', 'Так уже больше месяца.', 'Появилось на этой неделе.', 'Раньше уже жаловались, но ничего не изменилось.'];
const pleas = ['Просьба принять меры.', 'Прошу разобраться.', 'Пожалуйста, исправьте как можно скорее.', 'Жители дома просят помочь.'];

function description(r: Rng, code: CategoryCode): string {
  return [pick(r, problems[code]), r() < 0.5 ? pick(r, durations) : '', r() < 0.6 ? pick(r, pleas) : ''].filter(Boolean).join(' ');
}

const goodAnswers: Record<CategoryCode, readonly string[]> = {
  pothole: ['Выполнен ямочный ремонт покрытия, выбоина заделана горячим асфальтом.', 'Участок дороги отремонтирован картами, работы приняты инспектором.'],
  'road-marking': ['Разметка пешеходного перехода восстановлена термопластиком.', 'Нанесена новая разметка на всём участке, работы приняты.'],
  streetlight: ['Заменены лампы и повреждённый кабель, освещение восстановлено.', 'Светильники отремонтированы, работа проверена в тёмное время суток.'],
  'sidewalk-ice': ['Наледь сколота, тротуар обработан противогололёдным материалом.', 'Участок очищен и посыпан песком, добавлен в ежедневный маршрут уборки.'],
  'entrance-repair': ['В подъезде выполнен косметический ремонт: окрашены стены, заменены светильники.', 'Входная дверь отремонтирована, установлен новый доводчик.'],
  'roof-leak': ['Повреждённый участок кровли заменён, после дождя протечек нет.', 'Выполнен ремонт кровли над квартирой, герметизированы швы.'],
  elevator: ['Лифт отремонтирован специализированной организацией и снова работает.', 'Заменён блок управления лифтом, лифт работает в штатном режиме.'],
  heating: ['Стояк развоздушен, отопление восстановлено, температура в квартирах в норме.', 'Заменена задвижка в тепловом узле, подача тепла восстановлена.'],
  playground: ['Качели заменены, площадка осмотрена и безопасна.', 'Повреждённые элементы площадки демонтированы и заменены новыми.'],
  'fallen-tree': ['Дерево распилено и вывезено, дорожка освобождена.', 'Аварийная ветка удалена, соседние деревья осмотрены.'],
  'park-bench': ['Скамейка отремонтирована, заменены доски.', 'В сквере установлены новые скамейки.'],
  'clinic-access': ['У входа в поликлинику установлен пандус с поручнями.', 'Пандус переделан по нормам: уменьшен уклон, добавлены поручни.'],
  'bus-stop': ['Стекло павильона заменено, территория убрана.', 'Установлен новый павильон со скамейкой и навесом.'],
  garbage: ['Мусор вывезен, перевозчику выставлена претензия за срыв графика.', 'Контейнерная площадка убрана, вывоз теперь ежедневный.'],
  'illegal-dump': ['Свалка ликвидирована, вывезено несколько машин мусора.', 'Мусор убран, на участке установлен знак о запрете свалки.'],
};
const weakAnswers: Record<Kind, readonly string[]> = {
  roads: ['Работы включены в план ремонта на текущий сезон.', 'Заявка передана подрядчику, работы будут выполнены в порядке очерёдности.'],
  housing: ['Заявка передана в управляющую организацию, ремонт запланирован.', 'Проведён осмотр, работы включены в план текущего ремонта.'],
  parks: ['Заявка передана подрядной организации, работы запланированы.', 'Проведено обследование, работы будут выполнены по графику.'],
  clinics: ['Вопрос будет рассмотрен при планировании ремонта здания.', 'Направлен запрос в медицинскую организацию.'],
  transport: ['Заявка направлена балансодержателю павильона.', 'Работы включены в план на следующий квартал.'],
  sanitation: ['Перевозчику направлено предписание.', 'Информация передана региональному оператору.'],
};
const thanks = ['Спасибо за обращение.', 'Благодарим за сигнал.', ''];
const reopenReasons = ['Ничего не изменилось, проблема на месте.', 'Сделали только наполовину.', 'Через неделю всё вернулось как было.', 'Это отписка: работы так и не начались.', 'На месте никто не появлялся.'];
const againReasons = ['Опять ничего не сделано.', 'Снова отписка, проблема не решена.', 'Сделано некачественно, всё повторилось.'];
const upholdNotes = ['Проведена выездная проверка: работы выполнены, ответ признан достаточным.', 'Проверено на месте: недостаток устранён, обращение закрыто.'];

type RejectReason = (typeof rejectReasons)[number];
const rejections: readonly { reason: RejectReason; weight: number; note: string; texts?: readonly string[] }[] = [
  { reason: 'duplicate', weight: 40, note: 'По этому адресу уже есть обращение, подпишитесь на него.' },
  { reason: 'no-detail', weight: 25, note: 'Опишите, пожалуйста, что именно случилось и где.', texts: ['Всё плохо, сделайте уже что-нибудь!', 'Проблема возле дома, разберитесь.', 'Тут опять непорядок, сколько можно.'] },
  { reason: 'not-city', weight: 20, note: 'Вопрос не относится к городскому хозяйству.', texts: ['Сосед сверху шумит по ночам, примите меры.', 'В магазине продали просроченный товар.', 'В частном доме напротив всю ночь лает собака.'] },
  { reason: 'not-a-problem', weight: 15, note: 'Это предложение, а не неисправность: его можно подать в разделе идей.', texts: ['Хочу, чтобы во дворе поставили фонтан.', 'Покрасьте забор в другой цвет, этот некрасивый.'] },
];

/** A department saying "not ours", and what the control desk makes of it (a kind to reassign to, or uphold). */
const disputeCases: readonly { code: CategoryCode; reason: string; to: Kind | null; note: string }[] = [
  { code: 'fallen-tree', reason: 'Дерево растёт на придомовой территории, её обслуживает жилищник.', to: 'housing', note: 'Передано по принадлежности: придомовая территория.' },
  { code: 'park-bench', reason: 'Скамейка стоит во дворе жилого дома, а не в парке.', to: 'housing', note: 'Передано жилищнику: двор жилого дома.' },
  { code: 'bus-stop', reason: 'Павильон находится на балансе дорожной службы.', to: 'roads', note: 'Павильон на балансе дорожной службы, передано ей.' },
  { code: 'illegal-dump', reason: 'Участок — полоса отвода дороги, уборка за дорожной службой.', to: 'roads', note: 'Полоса отвода дороги: передано дорожной службе.' },
  { code: 'sidewalk-ice', reason: 'Тротуар — придомовая территория, очистка за жилищником.', to: 'housing', note: 'Передано жилищнику: тротуар во дворе.' },
  { code: 'streetlight', reason: 'Фонарь установлен во дворе, это зона жилищника.', to: 'housing', note: 'Передано жилищнику: дворовое освещение.' },
  { code: 'garbage', reason: 'Контейнерная площадка не наша, её обслуживает частная компания.', to: null, note: 'Площадка в городском реестре, вывоз за вашей службой — прошу ответить по существу.' },
  { code: 'pothole', reason: 'Это внутриквартальный проезд, не дорога.', to: null, note: 'Проезд числится на балансе дорожной службы — прошу ответить по существу.' },
  { code: 'playground', reason: 'Площадку ставил застройщик, она не передана городу.', to: null, note: 'Площадка передана городу в прошлом году — прошу ответить по существу.' },
];

const categoryWeights: Record<CategoryCode, number> = {
  pothole: 14, 'road-marking': 5, streetlight: 10, 'sidewalk-ice': 4, 'entrance-repair': 7, 'roof-leak': 5, elevator: 6, heating: 4,
  playground: 7, 'fallen-tree': 5, 'park-bench': 5, 'clinic-access': 3, 'bus-stop': 6, garbage: 12, 'illegal-dump': 7,
};
/** How often each department answers after its deadline: the league table should have a top and a bottom. */
const lateShare: Record<string, number> = {
  'roads-north': 0.12, 'roads-south': 0.35, 'housing-north': 0.25, 'housing-south': 0.5, parks: 0.08, clinics: 0.3, transport: 0.18, sanitation: 0.4,
};

const maleNames = ['Александр', 'Сергей', 'Андрей', 'Алексей', 'Николай', 'Владимир', 'Артём', 'Максим', 'Игорь', 'Павел', 'Виктор', 'Юрий', 'Роман', 'Константин', 'Георгий', 'Степан'];
const femaleNames = ['Наталья', 'Ольга', 'Татьяна', 'Светлана', 'Мария', 'Екатерина', 'Ирина', 'Юлия', 'Людмила', 'Галина', 'Анастасия', 'Марина', 'Валентина', 'Дарья', 'Вера', 'Ксения'];
const surnames = [
  'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов',
  'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв',
  'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Белов', 'Комаров', 'Калинин', 'Виноградов', 'Полянский', 'Громов', 'Тихонов',
];
const officers: Record<string, string> = {
  'roads-south': 'Виталий Южаков',
  'housing-north': 'Надежда Жилина',
  'housing-south': 'Геннадий Домов',
  parks: 'Алёна Садовникова',
  clinics: 'Лидия Врачёва',
  transport: 'Роман Маршрутов',
  sanitation: 'Зинаида Чистякова',
};

// ---------------------------------------------------------------------------------------------------------------
// Places and local time

/** A random point well inside a demo district (the districts are ring sectors around the centre). */
function pointIn(r: Rng, code: string): [number, number] {
  const index = demoDistricts.findIndex((d) => d.code === code);
  if (index === 0) return at(Math.sqrt(between(r, 0.04, 7.3)), between(r, 0, 360));
  if (index <= 5) return at(Math.sqrt(between(r, 3.3 ** 2, 7.7 ** 2)), (index - 1) * 72 + between(r, 3, 69));
  return at(Math.sqrt(between(r, 8.3 ** 2, 13.7 ** 2)), (index - 6) * 60 + 15 + between(r, 3, 57));
}

const localParts = new Intl.DateTimeFormat('en-US', {
  timeZone: env.CITY_TIMEZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
function offsetMs(d: Date): number {
  const p = Object.fromEntries(localParts.formatToParts(d).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(d.getTime() / 1000) * 1000;
}
/**
 * A moment on the same local day as `d` (weekend moved to a weekday for office work), between two local hours,
 * and always a little after `after`.
 */
function localTime(d: Date, r: Rng, fromHour: number, toHour: number, after: Date, weekdays = false): Date {
  const off = offsetMs(d);
  let day = Math.floor((d.getTime() + off) / DAY) * DAY;
  if (weekdays) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day -= DAY;
    if (weekday === 0) day += DAY;
  }
  const t = new Date(day + between(r, fromHour, toHour) * HOUR - off);
  return t.getTime() > after.getTime() + 5 * MINUTE ? t : new Date(after.getTime() + between(r, 0.2, 2) * HOUR);
}
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

// ---------------------------------------------------------------------------------------------------------------
// Plans

const scenarioCounts = {
  pending: 6,
  'pending-overdue': 1,
  rejected: 22,
  assigned: 34,
  overdue: 22,
  answered: 28,
  closed: 133,
  'reopened-assigned': 6,
  'reopened-overdue': 3,
  'reopened-answered': 5,
  'reopened-closed': 14,
  unsatisfied: 5,
  'unsatisfied-upheld': 4,
  disputed: 6,
  'dispute-reassigned': 7,
  'dispute-upheld': 4,
} as const;
type Scenario = keyof typeof scenarioCounts;

/** How long ago (days) a report of each kind was filed. */
const ages: Record<Scenario, [number, number]> = {
  pending: [0.05, 0.7],
  'pending-overdue': [1.1, 1.5],
  rejected: [0.5, 89],
  assigned: [0.3, 8],
  overdue: [3, 35],
  answered: [1.5, 16],
  closed: [4, 89],
  'reopened-assigned': [6, 25],
  'reopened-overdue': [10, 40],
  'reopened-answered': [8, 30],
  'reopened-closed': [12, 89],
  unsatisfied: [12, 70],
  'unsatisfied-upheld': [15, 89],
  disputed: [0.5, 5],
  'dispute-reassigned': [8, 89],
  'dispute-upheld': [8, 89],
};

type Step =
  | { kind: 'submit'; at: Date }
  | { kind: 'follow'; at: Date; userId: string }
  | { kind: 'remind'; at: Date; deadline: DeadlineKind; dueAt: Date }
  | { kind: 'escalate'; at: Date; deadline: DeadlineKind }
  | { kind: 'approve'; at: Date; categoryId?: number }
  | { kind: 'reject'; at: Date; reason: RejectReason; note: string }
  | { kind: 'route'; at: Date; due: Date }
  | { kind: 'answer'; at: Date; text: string; photo: boolean }
  | { kind: 'rate'; at: Date; satisfied: boolean; reason?: string; due?: Date }
  | { kind: 'dispute'; at: Date; reason: string }
  | { kind: 'arbitrate'; at: Date; intent: 'reassign' | 'uphold'; departmentId?: number; note: string; due?: Date };

type Category = typeof categories.$inferSelect;
type Plan = {
  scenario: Scenario;
  authorId: string;
  submittedCategoryId: number;
  lng: number;
  lat: number;
  address: string;
  description: string;
  photo: boolean;
  steps: Step[];
  /** The deadline still running when the history ends, to hand to the queue with its real dates. */
  open?: { deadline: DeadlineKind; start: Date; due: Date };
};

type Content = {
  scenario: Scenario;
  category: Category;
  /** The category the resident chose (the moderator may correct it to `category`). */
  submitted: Category;
  kind: Kind;
  departmentKey: string;
  dispute?: (typeof disputeCases)[number];
  reject?: (typeof rejections)[number];
  followers: string[];
  photo: boolean;
};

/**
 * One report's history: the steps and when each happened, or null when this draw of times does not fit the
 * scenario (the caller draws again). Texts come from their own generator so the words do not depend on the draws.
 */
async function planSteps(c: Content, r: Rng, tr: Rng, now: number, reassignTo: (kind: Kind) => number): Promise<{ steps: Step[]; open?: Plan['open'] } | null> {
  const s = c.scenario;
  const cat = c.category;
  const steps: Step[] = [];
  const [minAge, maxAge] = ages[s];
  const t0 = localTime(new Date(now - between(r, minAge, maxAge) * DAY), r, 7, 23, new Date(0));
  // Fewer reports at weekends and in the earlier weeks: a quiet day's draw is drawn again.
  if (r() > demandOn(t0, now)) return null;
  steps.push({ kind: 'submit', at: t0 });
  // Neighbours follow a report once it is public (routed): the delays are drawn here, in the draws' usual order.
  const followDelays = c.followers.map(() => between(r, 1, 48) * HOUR);

  /** The reminder and the escalation a deadline got before `until`, when it ran that long. */
  const deadlineSteps = (deadline: DeadlineKind, start: Date, due: Date, until: Date) => {
    const remind = reminderAt(start, due);
    if (remind < until) steps.push({ kind: 'remind', at: remind, deadline, dueAt: due });
    if (due.getTime() + MINUTE < until.getTime()) steps.push({ kind: 'escalate', at: plus(due, MINUTE), deadline });
  };

  const modDue = moderationDueAt(c.submitted, t0);
  if (s === 'pending' || s === 'pending-overdue') {
    if (s === 'pending' ? modDue.getTime() < now + 2 * HOUR : modDue.getTime() > now - HOUR) return null;
    deadlineSteps('moderation', t0, modDue, new Date(now));
    return finish();
  }

  // The moderators' desk: usually within hours, now and then only after the day's deadline.
  let t = new Date(t0.getTime() + (r() < 0.9 ? between(r, 0.3, 9) : between(r, 19, 30)) * HOUR);
  deadlineSteps('moderation', t0, modDue, t);
  if (s === 'rejected') {
    steps.push({ kind: 'reject', at: t, reason: c.reject!.reason, note: c.reject!.note });
    return finish();
  }
  steps.push({ kind: 'approve', at: t, categoryId: c.submitted.id !== cat.id ? cat.id : undefined });
  let start = plus(t, between(r, 3, 60) * 1000);
  let due = await answerDueAt(cat, start);
  steps.push({ kind: 'route', at: start, due });
  c.followers.forEach((userId, i) => steps.push({ kind: 'follow', at: plus(start, followDelays[i]!), userId }));
  t = start;
  let reopenings = 0;
  let lateShareNow = lateShare[c.departmentKey]!;

  const answer = (text: string) => {
    const late = r() < lateShareNow;
    const span = due.getTime() - start.getTime();
    let when = late ? plus(due, between(r, 0.2, 6) * DAY) : plus(start, between(r, 0.1, 0.95) * span);
    when = localTime(when, r, 9, 18, t, true);
    if (!late && when > due) when = plus(start, between(r, 0.3, 0.7) * span);
    deadlineSteps('answer', start, due, when);
    steps.push({ kind: 'answer', at: when, text, photo: c.photo && tr() < 0.7 });
    t = when;
  };
  const rate = async (satisfied: boolean, reason?: string) => {
    const when = localTime(plus(t, between(r, 0.1, 3) * DAY), r, 8, 23, t);
    if (satisfied || reopenings >= env.REPORTS_MAX_REOPENINGS) {
      steps.push({ kind: 'rate', at: when, satisfied, reason });
    } else {
      reopenings++;
      start = when;
      due = await answerDueAt(cat, start);
      steps.push({ kind: 'rate', at: when, satisfied, reason, due });
    }
    t = when;
  };
  const good = () => [pick(tr, goodAnswers[cat.code as CategoryCode]), pick(tr, thanks)].filter(Boolean).join(' ');
  const weak = () => pick(tr, weakAnswers[c.kind]);

  switch (s) {
    case 'assigned':
    case 'overdue':
      break;
    case 'answered':
      answer(good());
      break;
    case 'closed':
      answer(good());
      await rate(true);
      break;
    case 'reopened-assigned':
    case 'reopened-overdue':
    case 'reopened-answered':
    case 'reopened-closed':
      answer(weak());
      await rate(false, pick(tr, reopenReasons));
      if (s === 'reopened-answered' || s === 'reopened-closed') answer(good());
      if (s === 'reopened-closed') await rate(true);
      break;
    case 'unsatisfied':
    case 'unsatisfied-upheld':
      for (let round = 0; round <= env.REPORTS_MAX_REOPENINGS; round++) {
        answer(round === 0 ? weak() : good());
        await rate(false, pick(tr, round === 0 ? reopenReasons : againReasons));
      }
      if (s === 'unsatisfied-upheld') steps.push({ kind: 'arbitrate', at: (t = localTime(plus(t, between(r, 0.5, 3) * DAY), r, 9, 19, t, true)), intent: 'uphold', note: pick(tr, upholdNotes) });
      break;
    case 'disputed':
    case 'dispute-reassigned':
    case 'dispute-upheld': {
      const when = localTime(plus(start, between(r, 0.05, 0.5) * (due.getTime() - start.getTime())), r, 9, 18, t, true);
      if (when >= due) return null;
      deadlineSteps('answer', start, due, when);
      steps.push({ kind: 'dispute', at: when, reason: c.dispute!.reason });
      t = when;
      if (s === 'disputed') break;
      start = localTime(plus(t, between(r, 0.2, 2) * DAY), r, 9, 19, t, true);
      due = await answerDueAt(cat, start);
      const to = c.dispute!.to;
      if (s === 'dispute-reassigned' && to) {
        steps.push({ kind: 'arbitrate', at: start, intent: 'reassign', departmentId: reassignTo(to), note: c.dispute!.note, due });
        lateShareNow = 0.15;
      } else steps.push({ kind: 'arbitrate', at: start, intent: 'uphold', note: c.dispute!.note, due });
      t = start;
      answer(good());
      await rate(true);
      break;
    }
  }

  const endsAssigned = s === 'assigned' || s === 'overdue' || s === 'reopened-assigned' || s === 'reopened-overdue';
  if (endsAssigned) {
    const overdue = s === 'overdue' || s === 'reopened-overdue';
    if (overdue ? due.getTime() > now - HOUR : due.getTime() < now + 12 * HOUR) return null;
    deadlineSteps('answer', start, due, new Date(now));
  }
  if ((s === 'answered' || s === 'reopened-answered') && t.getTime() < now - 12 * DAY) return null;
  const done = finish();
  if (done && (s === 'assigned' || s === 'reopened-assigned')) done.open = { deadline: 'answer', start, due };
  return done;

  function finish(): { steps: Step[]; open?: Plan['open'] } | null {
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (let i = 1; i < steps.length; i++) if (steps[i]!.at.getTime() <= steps[i - 1]!.at.getTime()) return null;
    if (steps[steps.length - 1]!.at.getTime() > now - 5 * MINUTE || t0.getTime() < now - (demoDays + 1) * DAY) return null;
    return { steps, open: s === 'pending' ? { deadline: 'moderation', start: t0, due: modDue } : undefined };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// People

async function ensure<T>(what: string, result: Promise<{ ok: true; value: T } | { ok: false; errors: unknown }>): Promise<T> {
  const outcome = await result;
  if (!outcome.ok) throw new Error(`seed reports: ${what} failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.value;
}

async function idOf(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`seed reports: ${email} is missing`);
  return row.id;
}

/** An account that "registered" some time ago: its row and its welcome notice and e-mail are moved back too. */
async function backdateAccount(userId: string, when: Date, profile: { districtId?: number; birthYear?: number } = {}) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ ...profile, createdAt: when, updatedAt: when }).where(eq(users.id, userId));
    await tx.update(notifications).set({ createdAt: when, readAt: plus(when, HOUR) }).where(eq(notifications.userId, userId));
    await tx.update(emailOutbox).set({ createdAt: when }).where(eq(emailOutbox.userId, userId));
  });
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}
const photoFile = (data: Buffer, name: string) => new File([new Uint8Array(data)], name, { type: 'image/jpeg' });

// ---------------------------------------------------------------------------------------------------------------
// The seed

/** Whether Redis answers now: a queue call never returns while Redis has not been reached once. */
async function redisReachable(): Promise<boolean> {
  const client = new Redis(env.REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function seedDemoReports(): Promise<void> {
  const startedAt = Date.now();
  if (!(await redisReachable())) {
    console.warn(`[seed] Redis is not reachable at ${env.REDIS_URL.replace(/\/\/[^@]*@/, '//')}: demo reports skipped (the report use-cases wait for the queue)`);
    return;
  }
  const now = startedAt;
  // Should Redis drop out mid-seed, the use-cases warn once per job: count those and say it once instead.
  const warn = console.warn;
  let skippedJobs = 0;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^\[(reports|notifications)\] .*(not queued|not enqueued)/.test(args[0])) skippedJobs++;
    else warn(...args);
  };
  try {
    const [mark0] = await db.execute<{ n: string }>(sql`SELECT coalesce(max(id), 0)::text AS n FROM notifications`);
    const firstNotification = Number(mark0!.n);
    const adminId = await idOf('admin@demo.vmeste.city');
    const moderatorId = await idOf('moderator@demo.vmeste.city');
    const arbiterId = await idOf('arbiter@demo.vmeste.city');
    const demoResidentId = await idOf('resident@demo.vmeste.city');

    const districtRows = await db.select({ id: districts.id, code: districts.code }).from(districts);
    const districtId = new Map(districtRows.map((d) => [d.code, d.id]));
    const departmentRows = await db.select({ id: departments.id, email: departments.email }).from(departments);
    const departmentId = new Map<string, number>(demoDepartments.map((d) => [d.key, departmentRows.find((row) => row.email === `${d.key}@demo.vmeste.city`)!.id]));
    const categoryRows = await db.select().from(categories);
    const category = new Map(categoryRows.map((c) => [c.code, c]));
    const departmentFor = (kind: Kind, district: string) => {
      const group = demoDistricts.find((d) => d.code === district)!.group;
      return demoDepartments.find((d) => d.kind === kind && (d.groups as readonly string[]).includes(group))!.key;
    };

    // One officer per department (the demo officer already answers for Roads, North).
    const officerOf = new Map<number, string>([[departmentId.get('roads-north')!, await idOf('department@demo.vmeste.city')]]);
    for (const [key, name] of Object.entries(officers)) {
      const { userId } = await ensure(`register officer ${key}`, registerUser({ name, email: `officer.${key}@demo.vmeste.city`, password: demoPassword }, 'ru', appUrl));
      await ensure(`grant officer ${key}`, grantRole(adminId, { userId, role: 'department', departmentId: departmentId.get(key)! }));
      await backdateAccount(userId, new Date(now - 150 * DAY));
      officerOf.set(departmentId.get(key)!, userId);
    }

    // Three residents per district, registered over the past months.
    const people = rng(0x7e0d1e);
    const residents: { id: string; district: string }[] = [];
    const surnamePool = shuffle(people, [...surnames]);
    const registered = demoDistricts.flatMap((d) => [d.code, d.code, d.code]).map((district, i) => {
      const female = people() < 0.55;
      const surname = surnamePool[i % surnamePool.length]!;
      const name = `${pick(people, female ? femaleNames : maleNames)} ${female ? (surname.endsWith('ский') ? `${surname.slice(0, -2)}ая` : `${surname}а`) : surname}`;
      const when = new Date(now - between(people, demoDays + 2, 400) * DAY);
      const birthYear = int(people, 1948, 2005);
      const email = `resident${String(i + 1).padStart(2, '0')}@demo.vmeste.city`;
      return { district, name, email, when, birthYear };
    });
    for (let i = 0; i < registered.length; i += 6) {
      const batch = registered.slice(i, i + 6);
      const ids = await Promise.all(batch.map((p) => ensure(`register ${p.email}`, registerUser({ name: p.name, email: p.email, password: demoPassword }, 'ru', appUrl))));
      for (const [j, p] of batch.entries()) {
        await backdateAccount(ids[j]!.userId, p.when, { districtId: districtId.get(p.district)!, birthYear: p.birthYear });
        residents.push({ id: ids[j]!.userId, district: p.district });
      }
    }

    // What each report is about: fixed by the seed, whatever the day the demo is seeded.
    const master = rng(0x5eed2026);
    const scenarios = shuffle(
      master,
      // Without reopenings allowed (REPORTS_MAX_REOPENINGS=0), the reopened stories become plain closed ones.
      Object.entries(scenarioCounts).flatMap(([s, n]) => Array.from({ length: n }, () => (env.REPORTS_MAX_REOPENINGS === 0 && s.startsWith('reopened') ? 'closed' : (s as Scenario)))),
    );
    const demoResidentGets = new Set<Scenario>(['answered', 'closed', 'reopened-closed', 'assigned', 'rejected', 'pending']);
    const districtWeights = demoDistricts.map((d, i) => [d.code, i === 0 ? 12 : i <= 5 ? 10 : 8] as const);
    const categoryChoices = Object.entries(categoryWeights) as [CategoryCode, number][];
    const plans: Plan[] = [];
    let photos = 0;
    for (const [i, scenario] of scenarios.entries()) {
      const r = rng(0xc0ffee + i * 7919);
      let district = weighted(r, districtWeights);
      let author = pick(r, residents.filter((p) => p.district === district)).id;
      if (r() < 0.25) author = pick(r, residents).id;
      if (demoResidentGets.delete(scenario)) {
        district = 'lesnoy';
        author = demoResidentId;
      }
      const dispute = scenario.startsWith('dispute')
        ? pick(r, disputeCases.filter((d) => (scenario === 'dispute-reassigned' ? d.to : scenario === 'dispute-upheld' ? !d.to : true)))
        : undefined;
      // Overdue answers and unhappy residents mostly where the department is often late, as the league table shows.
      const unhappy = scenario === 'overdue' || scenario === 'reopened-overdue' || scenario.startsWith('reopened') || scenario.startsWith('unsatisfied');
      const choices = unhappy ? categoryChoices.map(([c, w]) => [c, w * (lateShare[departmentFor(category.get(c)!.departmentKind as Kind, district)]! + 0.02) ** 2] as const) : categoryChoices;
      const code = dispute?.code ?? weighted(r, choices);
      const cat = category.get(code)!;
      const kind = cat.departmentKind as Kind;
      // Now and then the resident picks a neighbouring category and the moderator corrects it.
      const sibling = categoryRows.find((x) => x.groupRu === cat.groupRu && x.id !== cat.id);
      const corrected = scenario !== 'rejected' && !scenario.startsWith('pending') && sibling && r() < 0.05;
      const reject = scenario === 'rejected' ? weighted(r, rejections.map((x) => [x, x.weight] as const)) : undefined;
      const neighbours = residents.filter((p) => p.district === district && p.id !== author);
      const followers = scenario !== 'rejected' && !scenario.startsWith('pending') && r() < 0.12 ? shuffle(r, neighbours.map((p) => p.id)).slice(0, int(r, 1, 2)) : [];
      const photo = code === 'pothole' && photos < 8 && r() < 0.4;
      if (photo) photos++;
      const [lng, lat] = pointIn(r, district);
      const content: Content = { scenario, category: cat, submitted: corrected ? sibling : cat, kind, departmentKey: departmentFor(kind, district), dispute, reject, followers, photo };
      const text = reject?.texts ? pick(r, reject.texts) : description(r, code);
      const place = address(r, district, code, kind);

      const timing = rng(0x71e5 + i * 104729);
      let planned: Awaited<ReturnType<typeof planSteps>> = null;
      for (let attempt = 0; attempt < 300 && !planned; attempt++) {
        planned = await planSteps(content, timing, rng(0x7e47 + i * 31), now, (to) => departmentId.get(departmentFor(to, district))!);
      }
      if (!planned) throw new Error(`seed reports: no timeline fits report ${i} (${scenario})`);
      plans.push({ scenario, authorId: author, submittedCategoryId: content.submitted.id, lng, lat, address: place, description: text, photo, ...planned });
    }
    // Filed in the order they were written, so report numbers grow with time.
    plans.sort((a, b) => a.steps[0]!.at.getTime() - b.steps[0]!.at.getTime());

    const potholePhoto = await jpeg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#77756f"/><rect y="250" width="480" height="110" fill="#9a968c"/><ellipse cx="230" cy="190" rx="130" ry="55" fill="#34302b"/><ellipse cx="225" cy="185" rx="95" ry="35" fill="#4f5a5e"/></svg>`,
    );
    const repairedPhoto = await jpeg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#77756f"/><rect y="250" width="480" height="110" fill="#9a968c"/><rect x="90" y="120" width="290" height="130" fill="#3d3c3a"/></svg>`,
    );

    const [marks] = await db.execute<{ e: string; n: string; o: string }>(
      sql`SELECT (SELECT coalesce(max(id), 0) FROM report_events)::text AS e, (SELECT coalesce(max(id), 0) FROM notifications)::text AS n, (SELECT coalesce(max(id), 0) FROM email_outbox)::text AS o`,
    );
    const mark = { e: Number(marks!.e), n: Number(marks!.n), o: Number(marks!.o) };

    /** Moves what the last step wrote (its report fields, events, notices and e-mails) back to when it happened. */
    async function stamp(reportId: number, step: Step, patch?: { kind: string; data: Record<string, unknown> }, moderationDue?: Date) {
      // One transaction: one commit per step.
      await db.transaction((tx) => stampIn(tx, reportId, step, patch, moderationDue));
    }
    async function stampIn(tx: Tx, reportId: number, step: Step, patch?: { kind: string; data: Record<string, unknown> }, moderationDue?: Date) {
      const at = step.at;
      const set: Partial<typeof reports.$inferInsert> = {};
      const lastAnswer = async (values: Partial<typeof reportAnswers.$inferInsert>) => {
        const [answer] = await tx.select({ id: reportAnswers.id }).from(reportAnswers).where(eq(reportAnswers.reportId, reportId)).orderBy(desc(reportAnswers.id)).limit(1);
        await tx.update(reportAnswers).set(values).where(eq(reportAnswers.id, answer!.id));
      };
      switch (step.kind) {
        case 'submit':
          Object.assign(set, { createdAt: at, updatedAt: at, moderationDueAt: moderationDue });
          await tx.update(reportFollowers).set({ createdAt: at }).where(eq(reportFollowers.reportId, reportId));
          break;
        case 'follow':
          await tx.execute(sql`UPDATE report_followers SET created_at = ${at.toISOString()}::timestamptz WHERE report_id = ${reportId} AND user_id = ${step.userId}`);
          break;
        case 'approve':
          Object.assign(set, { moderatedAt: at, updatedAt: at });
          break;
        case 'reject':
          Object.assign(set, { moderatedAt: at, closedAt: at, updatedAt: at });
          break;
        case 'route':
          Object.assign(set, { answerDueAt: step.due, updatedAt: at });
          break;
        case 'answer':
          Object.assign(set, { answeredAt: at, updatedAt: at });
          await lastAnswer({ createdAt: at });
          break;
        case 'rate':
          Object.assign(set, { updatedAt: at }, step.satisfied ? { closedAt: at } : {}, step.due ? { answerDueAt: step.due } : {});
          await lastAnswer({ ratedAt: at });
          break;
        case 'dispute':
          Object.assign(set, { updatedAt: at });
          break;
        case 'arbitrate':
          Object.assign(set, { updatedAt: at }, step.due ? { answerDueAt: step.due } : { closedAt: at });
          break;
        case 'remind':
        case 'escalate':
          break;
      }
      if (Object.keys(set).length) await tx.update(reports).set(set).where(eq(reports.id, reportId));
      const iso = at.toISOString();
      const [moved] = await tx.execute<{ e: string | null; n: string | null; o: string | null }>(sql`
        WITH e AS (
          UPDATE report_events SET at = ${iso}::timestamptz,
            data = CASE WHEN kind = ${patch?.kind ?? ''} THEN coalesce(data, '{}'::jsonb) || ${JSON.stringify(patch?.data ?? {})}::jsonb ELSE data END
          WHERE id > ${mark.e} RETURNING id),
        n AS (UPDATE notifications SET created_at = ${iso}::timestamptz WHERE id > ${mark.n} RETURNING id),
        o AS (UPDATE email_outbox SET created_at = ${iso}::timestamptz WHERE id > ${mark.o} RETURNING id)
        SELECT (SELECT max(id) FROM e)::text AS e, (SELECT max(id) FROM n)::text AS n, (SELECT max(id) FROM o)::text AS o`);
      if (moved?.e) mark.e = Number(moved.e);
      if (moved?.n) mark.n = Number(moved.n);
      if (moved?.o) mark.o = Number(moved.o);
    }

    const departmentOf = async (reportId: number) => (await db.select({ id: reports.departmentId }).from(reports).where(eq(reports.id, reportId)))[0]!.id!;
    const counts: Record<string, number> = {};
    const open: { reportId: number; deadline: DeadlineKind; start: Date; due: Date }[] = [];
    const stale: { reportId: number; deadline: DeadlineKind }[] = [];
    const routed: number[] = [];
    for (const plan of plans) {
      let reportId = 0;
      const submitted = categoryRows.find((c) => c.id === plan.submittedCategoryId)!;
      for (const step of plan.steps) {
        const what = `${plan.scenario} report ${reportId} ${step.kind}`;
        let patch: { kind: string; data: Record<string, unknown> } | undefined;
        switch (step.kind) {
          case 'submit': {
            const files = plan.photo ? [photoFile(potholePhoto, 'yama.jpg')] : [];
            const input = { categoryId: plan.submittedCategoryId, lat: plan.lat, lng: plan.lng, address: plan.address, description: plan.description, confirmNew: 'yes' as const };
            ({ reportId } = await ensure(what, submitReport(plan.authorId, input, files)));
            break;
          }
          case 'follow':
            await ensure(what, followReport(step.userId, reportId));
            break;
          case 'remind':
            if ((await remindReport(reportId, step.deadline, step.dueAt.toISOString())) !== 'reminded') throw new Error(`seed reports: ${what} did nothing`);
            break;
          case 'escalate':
            if ((await escalateReport(reportId, step.deadline, step.at)) !== 'escalated') throw new Error(`seed reports: ${what} did nothing`);
            break;
          case 'approve':
            await ensure(what, moderateReport(moderatorId, { intent: 'approve', reportId, categoryId: step.categoryId, lat: undefined, lng: undefined }));
            break;
          case 'reject':
            await ensure(what, moderateReport(moderatorId, { intent: 'reject', reportId, reason: step.reason, note: step.note }));
            break;
          case 'route':
            if ((await routeReport(reportId)) !== 'assigned') throw new Error(`seed reports: ${what} was not routed`);
            patch = { kind: 'routed', data: { answerDueAt: step.due.toISOString() } };
            break;
          case 'answer': {
            const department = await departmentOf(reportId);
            const [row] = await db.select({ due: reports.answerDueAt }).from(reports).where(eq(reports.id, reportId));
            const files = step.photo ? [photoFile(repairedPhoto, 'otvet.jpg')] : [];
            await ensure(what, answerReport(officerOf.get(department)!, [department], reportId, step.text, files));
            patch = { kind: 'answered', data: { onTime: step.at <= row!.due! } };
            break;
          }
          case 'rate': {
            const outcome = await ensure(what, rateAnswer(plan.authorId, { reportId, satisfied: step.satisfied ? 'yes' : 'no', reason: step.reason }));
            if (outcome !== (step.satisfied ? 'closed' : step.due ? 'reopened' : 'control-desk')) throw new Error(`seed reports: ${what} ended ${outcome}`);
            if (step.due) patch = { kind: 'reopened', data: { answerDueAt: step.due.toISOString() } };
            break;
          }
          case 'dispute': {
            const department = await departmentOf(reportId);
            await ensure(what, disputeReport(officerOf.get(department)!, [department], reportId, step.reason));
            break;
          }
          case 'arbitrate':
            await ensure(
              what,
              arbitrateReport(
                arbiterId,
                step.intent === 'reassign' ? { intent: 'reassign', reportId, departmentId: step.departmentId!, saveException: undefined, note: step.note } : { intent: 'uphold', reportId, note: step.note },
              ),
            );
            if (step.due) patch = { kind: step.intent === 'reassign' ? 'reassigned' : 'upheld', data: { answerDueAt: step.due.toISOString() } };
            break;
        }
        await stamp(reportId, step, patch, step.kind === 'submit' ? moderationDueAt(submitted, step.at) : undefined);
      }
      if (plan.open) open.push({ reportId, ...plan.open });
      if (plan.steps.some((step) => step.kind === 'route')) routed.push(reportId);
      if (plan.scenario === 'overdue' || plan.scenario === 'reopened-overdue') stale.push({ reportId, deadline: 'answer' });
      if (plan.scenario === 'pending-overdue') stale.push({ reportId, deadline: 'moderation' });
      counts[plan.scenario] = (counts[plan.scenario] ?? 0) + 1;
    }

    // The deadlines still running get their reminder and escalation jobs for the dates the history gave them.
    for (const o of open) await scheduleDeadline(o.reportId, o.deadline, o.start, o.due);
    // The rest of the queue is moot: routing jobs for reports the seed routed itself, and the jobs of deadlines
    // already escalated in the history. The worker would only find nothing to do; spare it the work.
    for (const o of stale) await cancelDeadline(o.reportId, o.deadline);
    const routing = new Queue(routingQueueName, { connection: producerRedis(), prefix: queuePrefix(routingQueueName) });
    try {
      for (const id of routed) await routing.remove(routingJobId(id));
    } catch (error) {
      console.warn(`[seed] routing jobs left in the queue (${(error as Error).message}); the worker will find them moot`);
    } finally {
      await routing.close();
    }
    // Staff and residents have read what is older than a couple of days.
    await db.execute(sql`UPDATE notifications SET read_at = created_at + interval '3 hours' WHERE id > ${firstNotification} AND read_at IS NULL AND created_at < now() - interval '2 days'`);

    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(`[seed] ${plans.length} demo reports with their history in ${seconds} s${skippedJobs ? ` (${skippedJobs} queue jobs not queued: Redis unavailable; the sweeper catches up)` : ''}`);
  } finally {
    console.warn = warn;
  }
}
