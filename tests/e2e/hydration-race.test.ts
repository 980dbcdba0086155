// A person who types while the page is still hydrating (a slow phone, a loaded machine) must not break it: React 18
// once threw error #345 ("root did not complete") when a discrete event reached a root hydrating in a transition.
// The CPU is slowed down six times so that hydration is slow enough for the typing to land in the middle of it.
import { describe, expect, it } from 'vitest';
import { hydrated, newSession } from './browser';

describe('typing while the page hydrates', () => {
  it('fills the sign-up and sign-in forms during hydration on a slowed CPU without a React error', async () => {
    const { context, page, problems } = await newSession({ locale: 'en-GB' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    for (let round = 0; round < 6; round++) {
      for (const path of ['/register', '/sign-in']) {
        await page.goto(path, { waitUntil: 'commit' });
        const email = page.getByLabel('E-mail');
        await email.waitFor();
        for (const word of ['someone', '@example', '.org']) await email.pressSequentially(word);
        await hydrated(page);
        expect(await email.inputValue(), `what was typed on ${path} survives hydration`).toBe('someone@example.org');
        expect(problems, `round ${round}, ${path}`).toEqual([]);
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });
});
