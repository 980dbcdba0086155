// The demo city's address registry (ADR 050): a few hundred buildings along made-up streets, each a point inside
// Novograd's demo districts, so a report can be placed by address alone. Deterministic; seeds once.
import { sql } from '#app/utils/db.server';
import { at } from './demo-city';
import { rng } from './demo-time';

const streets: [ru: string, en: string][] = [
  ['Лесная улица', 'Lesnaya St'],
  ['Садовая улица', 'Sadovaya St'],
  ['Заводская улица', 'Zavodskaya St'],
  ['Речная улица', 'Rechnaya St'],
  ['Центральный проспект', 'Tsentralny Ave'],
  ['Школьная улица', 'Shkolnaya St'],
  ['Парковая улица', 'Parkovaya St'],
  ['Набережная улица', 'Naberezhnaya St'],
  ['Сосновая улица', 'Sosnovaya St'],
  ['Молодёжная улица', 'Molodyozhnaya St'],
  ['Северный бульвар', 'Severny Blvd'],
  ['Южное шоссе', 'Yuzhnoye Hwy'],
  ['Улица Мира', 'Mira St'],
  ['Полевая улица', 'Polevaya St'],
  ['Вокзальная площадь', 'Vokzalnaya Sq'],
  ['Театральный переулок', 'Teatralny Ln'],
];

export async function seedDemoAddresses(): Promise<string> {
  const [any] = await sql`SELECT 1 FROM addresses LIMIT 1`;
  if (any) return 'already seeded';
  const r = rng(0xadd);
  const rows: { ref: string; street_ru: string; street_en: string; house: string; full_ru: string; full_en: string; lat: number; lng: number }[] = [];
  for (const [s, [ru, en]] of streets.entries()) {
    // Each street runs outwards from the centre along its own bearing, with houses on both sides.
    const bearing = s * (360 / streets.length) + 7;
    for (let n = 1; n <= 24; n++) {
      const house = n % 7 === 0 ? `${n}к${1 + Math.floor(r() * 3)}` : String(n);
      const [lng, lat] = at(0.4 + n * 0.45 + r() * 0.1, bearing + (n % 2 === 0 ? 0.6 : -0.6));
      rows.push({ ref: `demo-${s + 1}-${n}`, street_ru: ru, street_en: en, house, full_ru: `${ru}, ${house}`, full_en: `${house} ${en}`, lat, lng });
    }
  }
  await sql`
    INSERT INTO addresses (ref, street_ru, street_en, house, full_ru, full_en, location, district_id)
    SELECT v.ref, v.street_ru, v.street_en, v.house, v.full_ru, v.full_en, p.point,
      (SELECT d.id FROM districts d WHERE ST_Contains(d.geom, p.point) ORDER BY d.parent_id NULLS LAST LIMIT 1)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(ref text, street_ru text, street_en text, house text, full_ru text, full_en text, lat float8, lng float8),
      LATERAL (SELECT ST_SetSRID(ST_MakePoint(v.lng, v.lat), 4326) AS point) p`;
  return `${rows.length} addresses`;
}
