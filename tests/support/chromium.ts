// Debian's Chromium, driven by playwright-core: one launch for every test file that opens a browser.
import { chromium, type Browser } from 'playwright-core';
import { afterAll } from 'vitest';
import { closeConnections } from '#app/utils/shutdown.server';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

let launched: Promise<Browser> | undefined;

/** This test file's browser: launched when its first session opens, closed after its last test. */
export function fileBrowser(): Promise<Browser> {
  return (launched ??= launchChromium());
}

// Whether or not a file opened a browser, it ends with its browser closed and its Postgres and Redis connections too.
afterAll(async () => {
  const browser = launched;
  launched = undefined;
  await (await browser)?.close();
  await closeConnections();
});
