// The demo city "Novograd": APPROXIMATE, INVENTED polygons for a demo, not real boundaries.
// A central district, an inner ring of 5 sectors and an outer ring of 6, around a made-up centre.

const centre = { lon: 37.62, lat: 55.75 };
const kmPerDegLat = 111.32;
const kmPerDegLon = kmPerDegLat * Math.cos((centre.lat * Math.PI) / 180);

/** A point `radiusKm` from the demo city's centre on a compass bearing, as [lng, lat]. */
export function at(radiusKm: number, angleDeg: number): [number, number] {
  const a = (angleDeg * Math.PI) / 180;
  const lon = centre.lon + (radiusKm * Math.sin(a)) / kmPerDegLon;
  const lat = centre.lat + (radiusKm * Math.cos(a)) / kmPerDegLat;
  return [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
}

/** A ring sector between two radii and two bearings, as a closed GeoJSON ring (counter-clockwise). */
// Every arc uses the same 1.5° step, so neighbouring districts share their vertices exactly (no overlaps, no gaps).
const step = 1.5;

function sector(r1: number, r2: number, from: number, to: number): [number, number][] {
  const steps = Math.round((to - from) / step);
  const outer = Array.from({ length: steps + 1 }, (_, i) => at(r2, from + ((to - from) * i) / steps));
  const inner = r1 === 0 ? [at(0, 0)] : Array.from({ length: steps + 1 }, (_, i) => at(r1, to - ((to - from) * i) / steps));
  const ring = [...outer, ...inner];
  ring.push(ring[0]!);
  return ring.reverse();
}

function circle(r: number): [number, number][] {
  const ring = Array.from({ length: 360 / step }, (_, i) => at(r, 360 - i * step));
  ring.push(ring[0]!);
  return ring;
}

export type DemoDistrict = { code: string; nameRu: string; nameEn: string; group: 'centre' | 'north' | 'south'; ring: [number, number][] };

const inner = [
  { code: 'tverskoy', nameRu: 'Тверской', nameEn: 'Tverskoy', group: 'north' },
  { code: 'zarechny', nameRu: 'Заречный', nameEn: 'Zarechny', group: 'north' },
  { code: 'sadovy', nameRu: 'Садовый', nameEn: 'Sadovy', group: 'south' },
  { code: 'zavodskoy', nameRu: 'Заводской', nameEn: 'Zavodskoy', group: 'south' },
  { code: 'lesnoy', nameRu: 'Лесной', nameEn: 'Lesnoy', group: 'north' },
] as const;
const outer = [
  { code: 'severny', nameRu: 'Северный', nameEn: 'Severny', group: 'north' },
  { code: 'vostochny', nameRu: 'Восточный', nameEn: 'Vostochny', group: 'north' },
  { code: 'rechnoy', nameRu: 'Речной', nameEn: 'Rechnoy', group: 'south' },
  { code: 'yuzhny', nameRu: 'Южный', nameEn: 'Yuzhny', group: 'south' },
  { code: 'zapadny', nameRu: 'Западный', nameEn: 'Zapadny', group: 'south' },
  { code: 'sosnovy', nameRu: 'Сосновый бор', nameEn: 'Sosnovy Bor', group: 'north' },
] as const;

export const demoDistricts: DemoDistrict[] = [
  { code: 'centralny', nameRu: 'Центральный', nameEn: 'Centralny', group: 'centre', ring: circle(3) },
  ...inner.map((d, i) => ({ ...d, ring: sector(3, 8, i * 72, (i + 1) * 72) })),
  ...outer.map((d, i) => ({ ...d, ring: sector(8, 14, i * 60 + 15, (i + 1) * 60 + 15) })),
];

/** A point inside a district (the middle of its sector), for demo content and tests. */
export function pointInDistrict(code: string): [number, number] {
  const index = demoDistricts.findIndex((d) => d.code === code);
  if (index === 0) return at(1, 45);
  if (index <= inner.length) return at(5.5, (index - 1) * 72 + 36);
  return at(11, (index - 1 - inner.length) * 60 + 45);
}

export function demoGeoJson() {
  return {
    type: 'FeatureCollection',
    features: demoDistricts.map((d) => ({
      type: 'Feature',
      properties: { code: d.code, name_ru: d.nameRu, name_en: d.nameEn, note: 'approximate demo polygon' },
      geometry: { type: 'Polygon', coordinates: [d.ring] },
    })),
  };
}

export const demoDepartments = [
  { key: 'roads-north', nameRu: 'Дорожная служба, север', nameEn: 'Roads service, North', kind: 'roads', groups: ['centre', 'north'] },
  { key: 'roads-south', nameRu: 'Дорожная служба, юг', nameEn: 'Roads service, South', kind: 'roads', groups: ['south'] },
  { key: 'housing-north', nameRu: 'Жилищник, север', nameEn: 'Housing office, North', kind: 'housing', groups: ['centre', 'north'] },
  { key: 'housing-south', nameRu: 'Жилищник, юг', nameEn: 'Housing office, South', kind: 'housing', groups: ['south'] },
  { key: 'parks', nameRu: 'Управление парков', nameEn: 'Parks department', kind: 'parks', groups: ['centre', 'north', 'south'] },
  { key: 'clinics', nameRu: 'Департамент здравоохранения', nameEn: 'Health department', kind: 'clinics', groups: ['centre', 'north', 'south'] },
  { key: 'transport', nameRu: 'Транспортная служба', nameEn: 'Transport service', kind: 'transport', groups: ['centre', 'north', 'south'] },
  { key: 'sanitation', nameRu: 'Служба чистоты', nameEn: 'Sanitation service', kind: 'sanitation', groups: ['centre', 'north', 'south'] },
] as const;

export const demoCategories = [
  ['pothole', 'Яма на дороге', 'Pothole', 'Дороги', 'Roads', 'roads', 8],
  ['road-marking', 'Стёртая разметка', 'Worn road marking', 'Дороги', 'Roads', 'roads', 8],
  ['streetlight', 'Не горит фонарь', 'Streetlight out', 'Дороги', 'Roads', 'roads', 5],
  ['sidewalk-ice', 'Наледь на тротуаре', 'Ice on the sidewalk', 'Дороги', 'Roads', 'roads', 2],
  ['entrance-repair', 'Ремонт подъезда', 'Entrance hall repair', 'Дома', 'Housing', 'housing', 8],
  ['roof-leak', 'Протечка кровли', 'Roof leak', 'Дома', 'Housing', 'housing', 3],
  ['elevator', 'Не работает лифт', 'Lift out of order', 'Дома', 'Housing', 'housing', 2],
  ['heating', 'Нет отопления', 'No heating', 'Дома', 'Housing', 'housing', 2],
  ['playground', 'Сломана детская площадка', 'Broken playground', 'Парки и дворы', 'Parks and yards', 'parks', 8],
  ['fallen-tree', 'Упавшее дерево', 'Fallen tree', 'Парки и дворы', 'Parks and yards', 'parks', 3],
  ['park-bench', 'Сломана скамейка', 'Broken bench', 'Парки и дворы', 'Parks and yards', 'parks', 8],
  ['clinic-access', 'Нет пандуса у поликлиники', 'No ramp at a clinic', 'Здравоохранение', 'Health', 'clinics', 8],
  ['bus-stop', 'Повреждена остановка', 'Damaged bus stop', 'Транспорт', 'Transport', 'transport', 8],
  ['garbage', 'Не вывезен мусор', 'Rubbish not collected', 'Чистота', 'Cleanliness', 'sanitation', 2],
  ['illegal-dump', 'Несанкционированная свалка', 'Illegal dumping', 'Чистота', 'Cleanliness', 'sanitation', 5],
] as const;

export const demoHolidays = [
  ['2026-12-31', 'Новогодний выходной', 'New Year holiday'],
  ['2027-01-01', 'Новый год', 'New Year'],
  ['2027-01-02', 'Новогодние каникулы', 'New Year holidays'],
  ['2027-01-07', 'Рождество', 'Christmas'],
  ['2027-02-23', 'День защитника Отечества', 'Defender of the Fatherland Day'],
  ['2027-03-08', 'Международный женский день', "International Women's Day"],
  ['2027-05-01', 'Праздник весны и труда', 'Spring and Labour Day'],
  ['2027-05-09', 'День Победы', 'Victory Day'],
  ['2027-06-12', 'День России', 'Russia Day'],
  ['2027-11-04', 'День народного единства', 'Unity Day'],
] as const;

import accounts from './demo-accounts.json';

/** The demo password and one account per role; `npm run demo` prints the same file. */
export const demoPassword = accounts.password;
export const demoPeople = accounts.people as ReadonlyArray<{
  email: string;
  name: string;
  role: 'admin' | 'moderator' | 'expert' | 'department' | 'arbiter' | null;
  label: string;
  department?: string;
  district: string;
  birthYear: number;
  verified: boolean;
}>;
