// The import-boundary lint (ADR 037) fails on a violation: each case lints a small text as if it sat in the tree.
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('the import-boundary lint', { timeout: 60_000 }, () => {
  test("a tool importing another tool's internals is an error", async () => {
    const ids = await ruleIdsFor('app/modules/ideas/fixture.server.ts', "import { listReports } from '#app/modules/reports/queries.server';\nexport const read = listReports;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  test("a tool importing another tool's public index is allowed", async () => {
    const ids = await ruleIdsFor('app/modules/ideas/fixture.server.ts', "import { listReports } from '#app/modules/reports/index.server';\nexport const read = listReports;\n");
    expect(ids).toEqual([]);
  });

  test('shared code importing a tool manifest instead of the registry is an error', async () => {
    const ids = await ruleIdsFor('workers/fixture.ts', "import { votesTool } from '#app/modules/votes/tool.server';\nexport const tool = votesTool;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  test('leaving a tool folder by a relative path is an error', async () => {
    const ids = await ruleIdsFor('app/modules/ideas/fixture.server.ts', "import { listReports } from '../reports/index.server';\nexport const read = listReports;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  test('an import cycle is an error', async () => {
    // league.server.ts is imported by datasets.server.ts; importing it back closes a cycle.
    const ids = await ruleIdsFor('app/modules/reports/league.server.ts', "import { reportsDataset } from './datasets.server';\nexport const dataset = reportsDataset;\n");
    expect(ids).toContain('import-x/no-cycle');
  });
});

test('every tool with a manifest has its line in the registry', async () => {
  const { tools } = await import('#app/modules/registry.server');
  const modules = fileURLToPath(new URL('.', import.meta.url));
  const withManifest = readdirSync(modules, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${modules}${d.name}/tool.server.ts`))
    .map((d) => d.name);
  expect(tools.map((tool) => tool.name).sort()).toEqual(withManifest.sort());
  // Importing the registry transforms every tool's module graph: on a loaded machine that takes more than 5 s.
}, 60_000);
