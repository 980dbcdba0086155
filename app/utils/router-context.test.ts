import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// root.tsx reads the data router's state (for the "Error:" page title) through react-router's context;
// that only works when the app and Remix share one copy of react-router.
describe('react-router', () => {
  it('is the very version @remix-run/react uses, so there is one copy and one context', () => {
    const require = createRequire(import.meta.url);
    const remixReact = require('@remix-run/react/package.json') as { dependencies: Record<string, string> };
    const reactRouter = require('react-router/package.json') as { version: string };
    expect(reactRouter.version).toBe(remixReact.dependencies['react-router']);
  });
});
