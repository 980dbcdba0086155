// The address registry's search (ADR 050): trigram word similarity over the Russian and English forms, so
// "лесная 12", "Lesnaya 12" and a typo find the building; the best matches first.
import { sql } from '#app/utils/db.server';

export type AddressMatch = { id: number; fullRu: string; fullEn: string; lat: number; lng: number };

/** Up to `limit` addresses like the query (at least 2 characters), most alike first. */
export async function searchAddresses(query: string, limit = 8): Promise<AddressMatch[]> {
  const q = query.trim();
  if (q.length < 2) return [];
  const rows = await sql<AddressMatch[]>`
    SELECT id, full_ru AS "fullRu", full_en AS "fullEn", ST_Y(location)::float AS lat, ST_X(location)::float AS lng
    FROM addresses
    WHERE ${q} <% full_ru OR ${q} <% full_en OR full_ru ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
    ORDER BY greatest(word_similarity(${q}, full_ru), word_similarity(${q}, full_en)) DESC, full_ru, id
    LIMIT ${limit}`;
  return [...rows];
}

/** One address of the registry, or null. */
export async function addressById(id: number): Promise<AddressMatch | null> {
  const [row] = await sql<AddressMatch[]>`SELECT id, full_ru AS "fullRu", full_en AS "fullEn", ST_Y(location)::float AS lat, ST_X(location)::float AS lng FROM addresses WHERE id = ${id}`;
  return row ?? null;
}

export type AddressRegistrySummary = {
  count: number;
  latest: { id: number; ref: string; fullRu: string; fullEn: string; districtRu: string | null; districtEn: string | null }[];
};

/** How many addresses the registry holds, and the `limit` changed last (the admin page's view of an import). */
export async function addressRegistrySummary(limit: number): Promise<AddressRegistrySummary> {
  const [total] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM addresses`;
  const latest = await sql<AddressRegistrySummary['latest']>`
    SELECT a.id, a.ref, a.full_ru AS "fullRu", a.full_en AS "fullEn", d.name_ru AS "districtRu", d.name_en AS "districtEn"
    FROM addresses a LEFT JOIN districts d ON d.id = a.district_id ORDER BY a.updated_at DESC, a.id DESC LIMIT ${limit}`;
  return { count: total!.count, latest: [...latest] };
}
