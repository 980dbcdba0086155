// Applies the committed migrations as the database owner, DATABASE_OWNER_URL (the web and workers log in as the app
// role, DATABASE_URL, which has data rights only). Without it, DATABASE_URL must be the owner's.
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_OWNER_URL (or DATABASE_URL) is not set');
  process.exit(1);
}
const client = postgres(url, { max: 1, onnotice: () => {} });
try {
  await migrate(drizzle(client), { migrationsFolder: new URL('./migrations', import.meta.url).pathname });
  console.log('[db] migrations applied');
} finally {
  await client.end();
}
