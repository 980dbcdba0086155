// The city's address registry (issue 17, ADR 050): every building's address with its point, so a report can be
// placed by its address alone, without the map. Imported from the city's CSV or GeoJSON; searched by trigrams.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { districts } from './city';
import { point, timestamps } from './columns';

export const addresses = pgTable(
  'addresses',
  {
    id: serial().primaryKey(),
    /** The registry's own key: a re-imported address is replaced, not doubled. */
    ref: text().notNull().unique(),
    streetRu: text().notNull(),
    streetEn: text().notNull(),
    house: text().notNull(),
    /** "Лесная улица, 12" and "12 Lesnaya St": what is searched and shown. */
    fullRu: text().notNull(),
    fullEn: text().notNull(),
    districtId: integer().references(() => districts.id, { onDelete: 'set null' }),
    location: point().notNull(),
    ...timestamps,
  },
  (t) => [
    index('addresses_full_ru_trgm').using('gin', sql`${t.fullRu} gin_trgm_ops`),
    index('addresses_full_en_trgm').using('gin', sql`${t.fullEn} gin_trgm_ops`),
    index('addresses_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`),
  ],
);
