// The centres tool's open data: the centres with their hours, and the services each offers. Who booked is never published.
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { datasetState } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';

export const centresDataset: Dataset = {
  id: 'service-centres',
  title: { ru: 'Центры госуслуг', en: 'Public service centres' },
  description: {
    ru: 'Центры «Мои документы»: адрес, точка на карте, район, число окон, часы работы по дням недели и в праздники, услуги.',
    en: 'The "My Documents" centres: address, point, district, number of windows, opening hours per weekday and on holidays, services offered.',
  },
  fields: [
    { name: 'code', type: 'string', description: 'Centre code' },
    { name: 'name_ru', type: 'string', description: 'Name (Russian)' },
    { name: 'name_en', type: 'string', description: 'Name (English)' },
    { name: 'address_ru', type: 'string', description: 'Address (Russian)' },
    { name: 'latitude', type: 'number', description: 'WGS 84 latitude' },
    { name: 'longitude', type: 'number', description: 'WGS 84 longitude' },
    { name: 'district', type: 'string', description: 'District code (where the point lies)' },
    { name: 'windows', type: 'integer', description: 'Windows serving at once' },
    { name: 'hours', type: 'string', description: 'Opening hours, "1 08:00-20:00; … 0 10:00-16:00": ISO weekday 1–7, 0 for holidays; a day missing is closed' },
    { name: 'services', type: 'string', description: 'Codes of the services offered, space-separated' },
  ],
  resources: [{ name: 'service-centres-csv', path: 'service-centres.csv', format: 'csv', mediatype: 'text/csv' }],
  state: () => datasetState(sql`SELECT count(*)::int AS rows, max(updated_at) AS updated FROM centres`),
  rows: async function* () {
    const cursor = sql`
      SELECT c.code, c.name_ru, c.name_en, c.address_ru, ST_Y(c.location) AS latitude, ST_X(c.location) AS longitude, d.code AS district, c.windows,
        (SELECT string_agg(h.weekday || ' ' || to_char(h.opens, 'HH24:MI') || '-' || to_char(h.closes, 'HH24:MI'), '; ' ORDER BY h.weekday) FROM centre_hours h WHERE h.centre_id = c.id) AS hours,
        (SELECT string_agg(s.code, ' ' ORDER BY s.code) FROM centre_services cs JOIN services s ON s.id = cs.service_id WHERE cs.centre_id = c.id AND s.withdrawn_at IS NULL) AS services
      FROM centres c LEFT JOIN districts d ON d.id = c.district_id ORDER BY c.code`.cursor(500);
    for await (const batch of cursor) yield batch;
  },
};

export const centreVisitsDataset: Dataset = {
  id: 'centre-visits-daily',
  title: { ru: 'Записи в центры госуслуг по дням', en: 'Centre visits per day' },
  description: {
    ru: 'Сколько визитов было записано в каждый центр на каждый день (по времени города), сколько обслужено, отменено и сколько человек не пришло.',
    en: 'How many visits were booked at each centre for each day (the city\'s time), how many were served, cancelled, and how many people did not come.',
  },
  fields: [
    { name: 'centre', type: 'string', description: 'Centre code' },
    { name: 'day', type: 'string', description: 'The day of the visits (YYYY-MM-DD, the city\'s time)' },
    { name: 'booked', type: 'integer', description: 'Visits booked for that day, cancelled ones included' },
    { name: 'served', type: 'integer', description: 'Visits served' },
    { name: 'cancelled', type: 'integer', description: 'Visits cancelled or moved away' },
    { name: 'no_show', type: 'integer', description: 'Visits the person did not come to' },
  ],
  resources: [{ name: 'centre-visits-daily-csv', path: 'centre-visits-daily.csv', format: 'csv', mediatype: 'text/csv' }],
  state: () => datasetState(sql`SELECT count(*)::int AS rows, max(updated_at) AS updated FROM visits`),
  rows: async function* () {
    const cursor = sql`
      SELECT c.code AS centre, to_char(v.starts_at AT TIME ZONE ${env.CITY_TIMEZONE}, 'YYYY-MM-DD') AS day, count(*)::int AS booked,
        count(*) FILTER (WHERE v.status = 'served')::int AS served, count(*) FILTER (WHERE v.status = 'cancelled')::int AS cancelled,
        count(*) FILTER (WHERE v.status = 'no_show')::int AS no_show
      FROM visits v JOIN centres c ON c.id = v.centre_id GROUP BY c.code, 2 ORDER BY 2, c.code`.cursor(1000);
    for await (const batch of cursor) yield batch;
  },
};

export const servicesDataset: Dataset = {
  id: 'city-services',
  title: { ru: 'Каталог городских услуг', en: 'Catalogue of city services' },
  description: {
    ru: 'Услуги центров госуслуг: жизненная ситуация, название, описание, документы, типичная длительность и коды центров, где услугу оказывают.',
    en: 'The services of the service centres: life situation, name, description, documents to bring, typical duration, and the codes of the centres that offer each.',
  },
  fields: [
    { name: 'code', type: 'string', description: 'Service code' },
    { name: 'situation', type: 'string', description: 'Life situation: birth, moving, documents, family, retirement or business' },
    { name: 'name_ru', type: 'string', description: 'Name (Russian)' },
    { name: 'name_en', type: 'string', description: 'Name (English)' },
    { name: 'description_en', type: 'string', description: 'Description (English)' },
    { name: 'documents_en', type: 'string', description: 'Documents to bring (English), one a line' },
    { name: 'duration_minutes', type: 'integer', description: 'Typical duration in minutes' },
    { name: 'centres', type: 'string', description: 'Codes of the centres offering it, space-separated' },
  ],
  resources: [{ name: 'city-services-csv', path: 'city-services.csv', format: 'csv', mediatype: 'text/csv' }],
  // The catalogue as residents see it: a withdrawn service is left out (its withdrawal still dates the dataset).
  state: () => datasetState(sql`SELECT (count(*) FILTER (WHERE withdrawn_at IS NULL))::int AS rows, max(updated_at) AS updated FROM services`),
  rows: async function* () {
    const cursor = sql`
      SELECT s.code, s.situation::text AS situation, s.name_ru, s.name_en, s.description_en, s.documents_en, s.duration_minutes,
        (SELECT string_agg(c.code, ' ' ORDER BY c.code) FROM centre_services cs JOIN centres c ON c.id = cs.centre_id WHERE cs.service_id = s.id) AS centres
      FROM services s WHERE s.withdrawn_at IS NULL ORDER BY s.code`.cursor(500);
    for await (const batch of cursor) yield batch;
  },
};
