import { customType, pgEnum, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * How a person took part (ADR 048): on the site, in the installed app, at a service centre with a consultant
 * (assisted, or in the booth), or through the API (Open311, REST). Kept on reports, ideas, supports and ballot
 * participations, never on an anonymous cast.
 */
export const participationChannel = pgEnum('participation_channel', ['web', 'app', 'centre', 'api']);
export const participationChannels = participationChannel.enumValues;
export type ParticipationChannel = (typeof participationChannels)[number];
