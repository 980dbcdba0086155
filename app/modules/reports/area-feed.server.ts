// An area's Atom feed (RFC 4287): the newest reports filed and answers given in a district or within a radius of a
// point, as FixMyStreet offers them; linked from the area's report list with rel="alternate". Public reports only
// (moderated, not rejected), never who filed them.
import { XMLBuilder } from 'fast-xml-parser';
import { sql } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import type { Locale, Translate } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { xmlSafe } from '#app/utils/xml';
import { publicStatuses } from './map-schema';

export type Area = { districtId: number } | { lat: number; lng: number; radius: number };

export type AreaEntry = { kind: 'report' | 'answer'; reportId: number; answerId: number | null; at: Date | string; text: string; address: string; categoryEn: string; categoryRu: string; districtEn: string | null; districtRu: string | null };

/** An entry's title in the reader's language: a new report or an answer, with the report's number and category. */
export function areaEntryTitle(entry: AreaEntry, locale: Locale, t: Translate): string {
  return t(entry.kind === 'report' ? 'feed.newReport' : 'feed.answer', { id: entry.reportId, category: locale === 'ru' ? entry.categoryRu : entry.categoryEn });
}

/** The area's query string, as the feed's and the list's addresses carry it. */
export const areaQuery = (area: Area) => ('districtId' in area ? `district=${area.districtId}` : `lat=${area.lat}&lng=${area.lng}&radius=${area.radius}`);

/**
 * The area's public reports filed and answers given, newest first; within [from, until) when a window is given (an
 * alert's digest, ADR 056).
 */
export async function areaEntries(area: Area, limit: number, window?: { from: Date; until: Date }): Promise<AreaEntry[]> {
  const inArea = 'districtId' in area ? sql`r.district_id = ${area.districtId}` : sql`ST_DWithin(r.location, ST_SetSRID(ST_MakePoint(${area.lng}, ${area.lat}), 4326)::geography, ${area.radius})`;
  const visible = sql`r.status IN ${sql([...publicStatuses])}`;
  // As text: the app's postgres.js takes timestamps as strings (drizzle's setting) and refuses a Date.
  const inWindow = (column: ReturnType<typeof sql>) => (window ? sql`${column} >= ${window.from.toISOString()} AND ${column} < ${window.until.toISOString()}` : sql`true`);
  return sql<AreaEntry[]>`
    SELECT * FROM (
      (SELECT 'report' AS kind, r.id::int AS "reportId", NULL::int AS "answerId", r.created_at AS at, r.description AS text, r.address,
              c.name_en AS "categoryEn", c.name_ru AS "categoryRu", d.name_en AS "districtEn", d.name_ru AS "districtRu"
       FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id
       WHERE ${inArea} AND ${visible} AND ${inWindow(sql`r.created_at`)} ORDER BY r.created_at DESC LIMIT ${limit})
      UNION ALL
      (SELECT 'answer', r.id::int, a.id::int, a.created_at, a.text, r.address, c.name_en, c.name_ru, d.name_en, d.name_ru
       FROM report_answers a JOIN reports r ON r.id = a.report_id JOIN categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id
       WHERE ${inArea} AND ${visible} AND ${inWindow(sql`a.created_at`)} ORDER BY a.created_at DESC LIMIT ${limit})
    ) e ORDER BY at DESC LIMIT ${limit}`;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/** The feed as Atom XML, in the reader's language; well-formed whatever is stored (xmlSafe). */
export async function areaFeed(area: Area, { locale, areaName }: { locale: Locale; areaName: string }, limit = 50): Promise<string> {
  const origin = appOrigin();
  const t = translator(locale);
  const entries = await areaEntries(area, limit);
  const self = `${origin}/reports/feed.atom?${areaQuery(area)}`;
  // Timestamps come from the driver as text: read through Date either way.
  const updated = new Date(entries[0]?.at ?? 0).toISOString();
  const tree = {
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': locale,
      id: self,
      title: t('feed.title', { area: areaName }),
      updated,
      link: [{ '@rel': 'self', '@type': 'application/atom+xml', '@href': self }, { '@rel': 'alternate', '@type': 'text/html', '@href': `${origin}/reports?${areaQuery(area)}` }],
      author: { name: t('app.name') },
      entry: entries.map((e) => {
        const url = `${origin}/reports/${e.reportId}`;
        return {
          id: e.kind === 'report' ? `${url}` : `${url}#answer-${e.answerId}`,
          title: areaEntryTitle(e, locale, t),
          updated: new Date(e.at).toISOString(),
          link: { '@rel': 'alternate', '@type': 'text/html', '@href': url },
          summary: `${e.address} — ${e.text}`.slice(0, 1000),
        };
      }),
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(xmlSafe(tree))}`;
}
