import { asc, count, sql } from 'drizzle-orm';
import { categories, departmentDistricts, departments, districts, holidays } from '#db/schema/index';
import { db } from '#app/utils/db.server';

export async function listDistricts() {
  return db
    .select({
      id: districts.id,
      code: districts.code,
      nameRu: districts.nameRu,
      nameEn: districts.nameEn,
      areaKm2: sql<number>`round((ST_Area(${districts.geom}::geography) / 1e6)::numeric, 1)::float8`,
    })
    .from(districts)
    .orderBy(asc(districts.nameEn));
}

export async function listDepartments() {
  const [rows, covers] = await Promise.all([
    db.select().from(departments).orderBy(asc(departments.kind), asc(departments.nameEn)),
    db.select().from(departmentDistricts),
  ]);
  return rows.map((d) => ({ ...d, districtIds: covers.filter((c) => c.departmentId === d.id).map((c) => c.districtId) }));
}

export async function listCategories() {
  return db.select().from(categories).orderBy(asc(categories.groupEn), asc(categories.nameEn));
}

export async function listHolidays() {
  return db.select().from(holidays).orderBy(asc(holidays.day));
}

/** Counts for the home page. */
export async function cityFigures() {
  const [[d], [dep], [c]] = await Promise.all([
    db.select({ n: count() }).from(districts),
    db.select({ n: count() }).from(departments),
    db.select({ n: count() }).from(categories),
  ]);
  return { districts: d?.n ?? 0, departments: dep?.n ?? 0, categories: c?.n ?? 0 };
}
