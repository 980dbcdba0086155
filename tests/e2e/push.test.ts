// Push opt-in in Chromium (ADR 049, ADR 062): a resident chooses a topic and turns push on by clicking on /me/push;
// their report is rejected; the workers send the notice through web-push to a push service of our own
// (tests/support/push-service.ts), which checks the VAPID signature and decrypts it as the browser would; then push
// is turned off by clicking and the next notice is pushed nowhere. Headless Chromium has no vendor push service, so
// only PushManager's subscribe/getSubscription stand in for it (an init script): they hand out the keys of a
// "browser" made by our push service. The page's buttons, the service worker's registration, the CSRF form post,
// the stored subscription, the outbox, the queue and the encryption are the app's own.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailOutbox, pushSubscriptions } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { PushService, readPushCertificate } from '../support/push-service';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { baseUrl, expectAccessible, hydrated, newSession, settled, signIn, visit } from './browser';

// The use-cases this file calls enqueue where the e2e run's workers (tests/e2e/global-setup.ts) take jobs.
vi.hoisted(() => {
  process.env.QUEUE_PREFIX = '{e2e}';
});

// Served with the certificate the workers process was started trusting (global-setup).
const service = new PushService(env.VAPID_PUBLIC_KEY!, readPushCertificate());

beforeAll(async () => {
  await service.start();
});

afterAll(async () => {
  await service.stop();
});

type Subscription = { endpoint: string; p256dh: string; auth: string };

/**
 * Runs in the page before its scripts: the browser vendor's push service is ours. subscribe() keeps the subscription
 * (and the application server key the page asked with) in localStorage, so getSubscription() finds it after a reload;
 * unsubscribe() forgets it.
 */
function standInForTheVendor(subscription: Subscription) {
  const stored = 'e2e-push-subscription';
  const asJson = () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: { p256dh: subscription.p256dh, auth: subscription.auth } });
  const made = () => ({
    endpoint: subscription.endpoint,
    expirationTime: null,
    toJSON: asJson,
    unsubscribe: async () => {
      localStorage.removeItem(stored);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function subscribe(options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey;
    const bytes = key instanceof ArrayBuffer ? new Uint8Array(key) : ArrayBuffer.isView(key) ? new Uint8Array(key.buffer, key.byteOffset, key.byteLength) : new Uint8Array();
    const base64url = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    localStorage.setItem(stored, JSON.stringify({ applicationServerKey: base64url, userVisibleOnly: options?.userVisibleOnly ?? false }));
    return made() as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function getSubscription() {
    return (localStorage.getItem(stored) ? made() : null) as unknown as PushSubscription | null;
  };
}

async function rejectedReportOf(authorId: string, address: string): Promise<number> {
  const category = await shortSlaCategory();
  const filed = await submitReport(authorId, { categoryId: category.id, ...placeIn('zarechny'), address, description: 'A fallen tree blocks the footpath', confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  const moderator = await userIdByEmail('moderator@demo.vmeste.city');
  const moderated = await moderateReport(moderator, { intent: 'reject', reportId: filed.value.reportId, reason: 'duplicate', note: undefined });
  if (!moderated.ok) throw new Error(JSON.stringify(moderated.errors));
  return filed.value.reportId;
}

describe('push in the browser', () => {
  it('a resident turns push on by clicking, gets their report’s news decrypted by the push service, and turns it off', async () => {
    const phone = service.newBrowser();
    // Notifications allowed, as a person does when the browser asks.
    const { page, context } = await newSession({ locale: 'en-GB', permissions: ['notifications'] });
    await context.addInitScript(standInForTheVendor, { endpoint: phone.endpoint, p256dh: phone.p256dh, auth: phone.auth });
    // A demo resident: the e2e files' registrations together reach the per-address limit (429).
    const email = 'resident07@demo.vmeste.city';
    await signIn(page, email);
    const residentId = await userIdByEmail(email);
    // Starts with no browser of theirs subscribed, whatever an earlier run against the same database left.
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, residentId));
    const subscriptionsOf = () => db.select({ endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, residentId));

    await visit(page, '/me/push');
    await hydrated(page);
    await page.getByLabel('my reports (answers, deadlines, changes)').check();
    await page.getByRole('button', { name: 'Save push topics' }).click();
    await page.waitForURL('**/me/push?saved=1');
    await settled(page);
    await expect.poll(() => page.getByLabel('my reports (answers, deadlines, changes)').isChecked()).toBe(true);

    await expect.poll(() => page.locator('[data-push-state]').textContent()).toBe('Push is off in this browser.');
    await page.getByRole('button', { name: 'Turn push on in this browser' }).click();
    // The click registers the service worker and waits until it is active (it precaches the shell first).
    await expect.poll(() => page.locator('[data-push-state]').textContent(), { timeout: 30_000 }).toBe('Push is on in this browser.');
    await expect.poll(subscriptionsOf).toEqual([{ endpoint: phone.endpoint, p256dh: phone.p256dh, auth: phone.auth }]);
    // The page asked the push service for a subscription with the site's VAPID key, for visible notifications only.
    const asked = JSON.parse((await page.evaluate(() => localStorage.getItem('e2e-push-subscription')))!) as { applicationServerKey: string; userVisibleOnly: boolean };
    expect(asked).toEqual({ applicationServerKey: env.VAPID_PUBLIC_KEY, userVisibleOnly: true });
    // The service worker the page registered is the app's own, at the root.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL)).toMatch(/\/sw\.js$/);
    await settled(page);
    await expect.poll(() => page.getByText('1 browser of yours gets push messages.').isVisible()).toBe(true);
    await expectAccessible(page, '/me/push (push on)');

    // Their report is rejected: the notice is pushed to this browser, encrypted for its keys, signed by the site.
    const reportId = await rejectedReportOf(residentId, 'Push lane 7');
    const [message] = await waitFor(async () => service.messagesTo(phone.id).length > 0 && service.messagesTo(phone.id), 'the push to the resident’s browser', 60_000);
    expect(message!.body).toContain(`№${reportId}`);
    expect(message!.url).toBe(`${baseUrl}/reports/${reportId}#rate-moderated`);
    expect(service.refused).toEqual([]);
    // One push row for this notice (this one browser), marked sent.
    const pushRowsAbout = async (id: number) =>
      (await db.select({ status: emailOutbox.status, bodyText: emailOutbox.bodyText }).from(emailOutbox).where(and(eq(emailOutbox.userId, residentId), eq(emailOutbox.channel, 'push')))).filter((r) => r.bodyText.includes(`№${id} `));
    await waitFor(async () => {
      const rows = await pushRowsAbout(reportId);
      return rows.length === 1 && rows[0]!.status === 'sent';
    }, 'the push row marked sent');

    // Turned off by clicking: the stored subscription is gone, and the next rejection writes no push at all.
    await page.getByRole('button', { name: 'Turn push off in this browser' }).click();
    await expect.poll(() => page.locator('[data-push-state]').textContent()).toBe('Push is off in this browser.');
    await expect.poll(subscriptionsOf).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('e2e-push-subscription'))).toBeNull();
    await settled(page);
    await expectAccessible(page, '/me/push (push off)');

    const second = await rejectedReportOf(residentId, 'Push lane 9');
    // The notice itself was written (in the app, by e-mail), in the same transaction that would have written a push row.
    const mails = await db.select({ channel: emailOutbox.channel, bodyText: emailOutbox.bodyText }).from(emailOutbox).where(eq(emailOutbox.userId, residentId));
    expect(mails.filter((m) => m.channel === 'email' && m.bodyText.includes(`№${second}`))).toHaveLength(1);
    expect(await pushRowsAbout(second)).toEqual([]);
    expect(await pushRowsAbout(reportId)).toHaveLength(1);
    expect(service.messagesTo(phone.id)).toHaveLength(1);
  });
});
