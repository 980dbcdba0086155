import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL || 'postgres://vmeste:vmeste@127.0.0.1:54329/vmeste' },
  casing: 'snake_case',
  extensionsFilters: ['postgis'],
});
