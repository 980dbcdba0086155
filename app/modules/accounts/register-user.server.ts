import { hash } from '@node-rs/argon2';
import { users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Locale } from '#app/utils/i18n';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import type { z } from 'zod';
import type { registerSchema } from './schemas';
import type { Result } from '#app/utils/result';


export const hashPassword = (password: string) => hash(password);

/** Creates a resident account with a welcome notification and e-mail; a taken e-mail is an expected failure. */
export async function registerUser(
  input: z.output<typeof registerSchema>,
  locale: Locale,
  appUrl: string,
): Promise<Result<{ userId: string }, { email: 'auth.emailTaken' }>> {
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return null;
    const outbox = await notify(tx, {
      userId: user.id,
      kind: 'notice.welcome',
      params: { name: input.name, url: appUrl },
      link: '/me',
      email: { subject: 'email.welcome.subject', body: 'email.welcome.body' },
    });
    return { userId: user.id, outbox };
  });
  if (!created) return { ok: false, errors: { email: 'auth.emailTaken' } };
  await enqueueEmailDelivery(created.outbox);
  return { ok: true, value: { userId: created.userId } };
}
