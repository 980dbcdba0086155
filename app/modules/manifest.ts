// The shape of a tool's manifest (app/modules/<tool>/tool.server.ts). A tool declares here what shared code needs
// from it; the registry (registry.server.ts) lists the tools, and shared code reads the registry only (ADR 037).
import type { Job } from 'bullmq';
import type { PendingQuery, Row, TransactionSql } from 'postgres';
import type { CurrentUser } from '#app/modules/accounts/index.server';
import type { StaffRole } from '#app/modules/accounts/schemas';
import type { MessageKey } from '#app/utils/i18n';
import type { MediaTable } from '#app/utils/stored-media.server';

export type FieldType = 'integer' | 'number' | 'string' | 'boolean' | 'datetime';
export type Field = { name: string; type: FieldType; description: string };
export type Resource = { name: string; path: string; format: 'csv' | 'geojson' | 'json'; mediatype: string };
/** One open-data set: described for the catalogue and its Data Package, read in batches. */
export type Dataset = {
  id: string;
  title: { ru: string; en: string };
  description: { ru: string; en: string };
  fields: Field[];
  resources: Resource[];
  /** Row count and last change, cheap enough for the catalogue and for ETag/Last-Modified. */
  state: () => Promise<{ rows: number; updated: Date }>;
  /** Rows in batches, from a server-side cursor: memory stays flat whatever the size. */
  rows: () => AsyncIterable<Record<string, unknown>[]>;
  /**
   * The same rows as one SELECT for Postgres's COPY to write the CSV (several times faster than formatting in Node),
   * each column written as csvStream would write it: as stored for numbers, hashes and codes; free text, booleans and
   * timestamps through csvColumnSql() (formulas defused, true/false, ISO 8601 in UTC).
   */
  csvSelect?: string;
};

/**
 * Who may take a staff action. `cityWide` roles count only from a grant without a scope; `scoped` roles count from a
 * grant kept to one project or department, and then only for that project or department.
 */
export type PermissionRule = { cityWide: readonly StaffRole[]; scoped?: readonly StaffRole[] };

/** A BullMQ queue the tool owns: one Worker runs `process` for each of its jobs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each queue's payload type is its own
export type QueueDeclaration = { name: string; concurrency: number; process: (job: Job<any>) => Promise<string> };

/**
 * A repair that runs on the shared maintenance queue every `every` ms (from Postgres, whatever Redis lost). It is
 * handed the registry's tools, for a sweeper that gathers what each declares (the stats refresh).
 */
export type SweeperDeclaration = { name: string; every: number; run: (tools: readonly ToolManifest[]) => Promise<unknown> };

/** A piece of the stats refresh's SQL. */
export type StatsQuery = PendingQuery<Row[]>;
/**
 * What a tool's stats SQL is written with, inside the refresh's transaction: `day(column)` is a timestamp's
 * city-local day; `since(column)` keeps the rows of the days being recounted (an index on the column serves it).
 */
export type StatsSql = { tx: TransactionSql; day: (column: string) => StatsQuery; since: (column: string) => StatsQuery };
/**
 * A tool's part of the city's figures (the stats tool gathers them, ADR 011): SELECTs over the tool's own tables,
 * put together into one refresh.
 * - `daily`: rows (metric, day, dimension, value) per city-local day; `totals`: rows (metric, dimension, value);
 * - `participants`: rows (day, who) of each person's activity (counted once a day, whatever the tool);
 * - `operations`: what waits for the staff now (the operations page), cheap live counts.
 */
export type StatsDeclaration = {
  daily?: (q: StatsSql) => StatsQuery[];
  totals?: (q: StatsSql) => StatsQuery[];
  participants?: (q: StatsSql) => StatsQuery[];
  operations?: () => Promise<Record<string, unknown>>;
};

/**
 * A link in the page header. `main` links are for everyone; `staff` links show when the signed-in person holds the
 * permission named by `shownWhen` (the root loader asks the permission check).
 */
export type NavigationEntry = { area: 'main' | 'staff'; to: string; label: MessageKey; shownWhen?: { action: string; target?: 'some' } };

/** A tool's part of the person's cabinet (accounts/cabinet.server.ts): its keys of the summary, and its counts. */
export type CabinetSection = (user: CurrentUser) => Promise<{ counts?: Record<string, number> } & Record<string, unknown>>;

export type ToolManifest = {
  /** The folder name under app/modules. */
  name: string;
  datasets?: readonly Dataset[];
  queues?: readonly QueueDeclaration[];
  sweepers?: readonly SweeperDeclaration[];
  /** Tables of uploaded pictures kept in the media store when there is one (`npm run media:migrate` moves them). */
  media?: readonly MediaTable[];
  permissions?: Readonly<Record<string, PermissionRule>>;
  navigation?: readonly NavigationEntry[];
  cabinet?: CabinetSection;
  stats?: StatsDeclaration;
};
