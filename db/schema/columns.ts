import { customType, timestamp } from 'drizzle-orm/pg-core';

/** created_at / updated_at, the same on every table that has them. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** A PostGIS MultiPolygon in WGS 84; written with ST_GeomFromGeoJSON and read with ST_AsGeoJSON in SQL. */
export const multiPolygon = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geometry(MultiPolygon, 4326)';
  },
});

/** A PostGIS Point in WGS 84. */
export const point = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geometry(Point, 4326)';
  },
});
