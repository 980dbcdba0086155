import { z } from 'zod';

const devSecret = 'vmeste-local-demo-secret-change-me-in-production';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url().optional(),
    // The app's login role (data rights only); the owner's URL (DATABASE_OWNER_URL) is for migrations, never read here.
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://vmeste_app:vmeste_app@127.0.0.1:54329/vmeste'),
    // Connections of each process's pool: a cast is one statement and one commit, and Postgres commits in groups, so
    // more casts in flight (up to about the cores × 8) go through faster; mind max_connections × processes.
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    // A streaming hot standby the public read paths use (ADR 051); unset, everything reads from DATABASE_URL.
    DATABASE_REPLICA_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    // A replica further behind than this is bypassed; a person who wrote reads from the primary until the replica
    // has replayed past their write, or this long at most.
    DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    // "false" behind PgBouncer in transaction mode (ADR 051): a server-side prepared statement would be looked for
    // on whichever connection the pooler hands out next.
    DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
    // Which web process answered, in /healthz (the cluster names them web-1, web-2, …; default host:pid).
    WEB_PROCESS_NAME: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:63799'),
    // A Redis Cluster's seed nodes, "host:port,host:port" (any few of its masters); when set, REDIS_URL is not used.
    REDIS_CLUSTER_NODES: z
      .string()
      .transform((value) => value.split(',').map((node) => node.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port pairs separated by commas')).min(1))
      .optional(),
    // Where uploaded photos go (ADR 042): "postgres" keeps them in their rows (the demo's default), "folder" in
    // MEDIA_DIR, "s3" in an S3-compatible bucket. `npm run media:migrate` moves the rows' photos to the store.
    MEDIA_STORE: z.enum(['postgres', 'folder', 's3']).default('postgres'),
    MEDIA_DIR: z.string().min(1).default('.data/media'),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Path-style addresses (endpoint/bucket/key), as most self-hosted S3-compatible servers expect.
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
    // A stored photo no row points at is removed once it is this old (an upload whose transaction failed).
    MEDIA_ORPHAN_AFTER_MS: z.coerce.number().int().min(0).default(24 * 3600 * 1000),
    // The deployment's name in Redis: each queue's keys go under {<prefix>-<queue>} (one hash tag per queue, ADR 042).
    QUEUE_PREFIX: z.string().regex(/^[{}A-Za-z0-9_-]+$/).default('{vmeste}'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(devSecret),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().default('Vmeste <no-reply@vmeste.local>'),
    // Web Push (ADR 049): the VAPID key pair (`npx web-push generate-vapid-keys`, base64url) and a contact the push
    // services may write to. Unset: push is not offered and push rows are not written.
    VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)').optional(),
    VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)').optional(),
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: address').default('mailto:no-reply@vmeste.local'),
    CITY_TIMEZONE: z.string().refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'must be an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
    // The city and its country as open data names them (the Pabulib files' unit and country).
    CITY_NAME: z.string().min(1).max(100).default('Vmeste demo city'),
    CITY_COUNTRY: z.string().min(1).max(100).default('Russia'),
    MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    // The city-local hour at which area alerts' daily digests go out (ADR 056).
    ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    // How often the deadline sweeper runs (a minute; tests make it faster).
    SWEEP_EVERY_MS: z.coerce.number().int().min(100).default(60_000),
    // How often a failed job is tried in all (exponential backoff from the delay) before the sweepers take over; at
    // least 2, so a job that failed at once (an UnrecoverableError) is told apart from one that used every attempt.
    JOB_RETRY_ATTEMPTS: z.coerce.number().int().min(2).max(50).default(8),
    JOB_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
    // How long a worker holds a job before another may take it up (a dead worker's job restarts after this).
    WORKER_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    // /admin/queues lets admins retry, remove and pause jobs only when this is "true" (scripts/serve.mjs reads it).
    QUEUES_DASHBOARD_WRITABLE: z.enum(['true', 'false']).default('false'),
    // How often the dashboards' figures (/stats) are recounted.
    STATS_EVERY_MS: z.coerce.number().int().min(1000).default(300_000),
    // Public API requests per minute per IP (an API key gets ten times as many).
    API_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    // Multiplies every burst limit on sign-in, registration, reports, ideas, comments and votes (a load test raises it).
    RATE_LIMIT_SCALE: z.coerce.number().positive().max(100_000).default(1),
    REPORTS_DAILY_LIMIT: z.coerce.number().int().min(1).default(10),
    // Points credited once for proposing an idea and for a report a moderator approves (0 switches either off).
    POINTS_FOR_IDEA: z.coerce.number().int().min(0).max(1000).default(5),
    POINTS_FOR_REPORT: z.coerce.number().int().min(0).max(1000).default(3),
    // Initiatives (ADR 044): the supports an initiative needs, a number ("500") or a share of the verified residents
    // of its scope ("1%"); how many days it collects them; how long a moderator has to check a new one.
    INITIATIVE_THRESHOLD: z.string().regex(/^(\d{1,7}|\d{1,2}(\.\d{1,3})?%)$/, 'must be a number of supports such as 500 or a share such as 1%').default('1%'),
    INITIATIVE_SUPPORT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    INITIATIVE_MODERATION_SLA_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    // How often a resident may reopen an answered report before the next "not satisfied" goes to the control desk.
    REPORTS_MAX_REOPENINGS: z.coerce.number().int().min(0).default(1),
    // When the reminder before a deadline fires, as a fraction of the SLA.
    REPORTS_REMINDER_AT: z.coerce.number().gt(0).lt(1).default(0.75),
    REPORTS_NEARBY_METRES: z.coerce.number().int().min(1).max(1000).default(50),
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    // Personal data kept no longer than needed: days after a session ended, days after a failed sign-in.
    SESSIONS_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    SIGN_IN_FAILURES_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // The city's identity provider (OpenID Connect); sign-in through it is offered when all three are set.
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // Its name on the sign-in button, e.g. "Novograd ID".
    OIDC_NAME: z.string().min(1).max(60).default('City ID'),
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.SESSION_SECRET !== devSecret, {
    path: ['SESSION_SECRET'],
    message: 'must be set to a private value in production',
  })
  .refine((e) => !e.VAPID_PUBLIC_KEY === !e.VAPID_PRIVATE_KEY, { path: ['VAPID_PRIVATE_KEY'], message: 'must be set together with VAPID_PUBLIC_KEY' })
  .refine((e) => e.MEDIA_STORE !== 's3' || !!e.S3_BUCKET, { path: ['S3_BUCKET'], message: 'must be set when MEDIA_STORE is s3' })
  // Throttling counts failures within the window: they must be kept at least that long.
  .refine((e) => e.SIGN_IN_FAILURES_RETENTION_DAYS * 1440 >= e.SIGN_IN_WINDOW_MINUTES, { path: ['SIGN_IN_FAILURES_RETENTION_DAYS'], message: 'must cover SIGN_IN_WINDOW_MINUTES' })
  // Links in e-mails (password resets among them) must point at the public site, never at a guess.
  .refine((e) => e.NODE_ENV !== 'production' || !!e.APP_URL, { path: ['APP_URL'], message: 'must be set in production (the public address of the site, e.g. https://vmeste.example.city)' });

export type Env = z.infer<typeof schema>;

/** Parses the environment; a bad variable stops the process with a message naming it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set" (so `SMTP_URL=` turns e-mail sending off).
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

function load(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

export const env = load();

/** The only configuration the browser sees. */
export function publicEnv() {
  return { MAP_TILE_URL: env.MAP_TILE_URL, OIDC_NAME: oidcConfigured() ? env.OIDC_NAME : null, CITY_TIMEZONE: env.CITY_TIMEZONE };
}

/** Sign-in through the city's identity provider is on when its issuer and client are all configured. */
export function oidcConfigured(): boolean {
  return !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

/**
 * Where links in e-mails point: APP_URL, or this server's own address when it is not set (a local demo). Never a
 * request's Host header, which anyone can set: a reset link to their host would hand them the token.
 */
export function appOrigin(): string {
  return env.APP_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;
}

/** Cookies are Secure when the site is served over HTTPS (APP_URL's scheme): one setting cannot disagree with the other. */
export const secureCookies = appOrigin().startsWith('https:');
