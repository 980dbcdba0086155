// npm run admin:create -- --email ADDRESS --name "NAME" [--password-file FILE]
// Makes the person an admin: the first admin of a new city (production has no demo seed), or a way back in. The
// password comes from --password-file, else ADMIN_PASSWORD, else a prompt (typed twice, not shown); piped input
// is read as the password. In production the demo's published password is refused. Exits 0 when done, 1 when
// refused (each reason printed), 2 on bad arguments.
import { readFileSync } from 'node:fs';
import { createAdmin, createAdminSchema } from '../app/modules/accounts/create-admin.server';
import { issuesToErrors } from '../app/utils/forms';
import { translator } from '../app/utils/i18n.server';
import { env } from '../app/utils/env.server';
import { closeConnections } from '../app/utils/shutdown.server';
import accounts from '../db/seed/demo-accounts.json';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run admin:create -- --email ADDRESS --name "NAME" [--password-file FILE]  (or ADMIN_PASSWORD=…, or typed at the prompt)`);
  process.exit(2);
}

const options: Record<string, string> = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const name = args[i]!;
  if (!['--email', '--name', '--password-file'].includes(name)) usage(`unknown option ${name}`);
  options[name] = args[++i] ?? usage(`${name} needs a value`);
}
if (!options['--email']) usage('no --email given');

/** One line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') process.exit(130);
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const file = options['--password-file'];
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const first = await promptHidden('Password for the admin: ');
  const again = await promptHidden('The same password again: ');
  if (first !== again) {
    console.error('The two passwords differ.');
    process.exit(1);
  }
  return first;
}

const t = translator('en');
const parsed = createAdminSchema.safeParse({ email: options['--email'], name: options['--name'] ?? 'Administrator', password: await readPassword() });
if (!parsed.success) {
  for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues, t))) console.error(`${field}: ${message}`);
  process.exit(1);
}
const result = await createAdmin(parsed.data, { refusedPasswords: env.NODE_ENV === 'production' ? [accounts.password] : [] });
await closeConnections();
if (!result.ok) {
  for (const [field, key] of Object.entries(result.errors)) console.error(`${field}: ${t(key)}`);
  process.exit(1);
}
const { created, granted } = result.value;
console.log(`${parsed.data.email}: ${created ? 'account created' : 'existing account, password replaced, signed out everywhere'}; ${granted ? 'now an administrator' : 'already an administrator'}.`);
