import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries (ADR 037). A tool is a folder of app/modules; what other code may import from it is its public
// surface: the manifest (tool.server.ts, for the registry only), index.server.ts (functions other tools may call),
// schemas.ts (input schemas and types), jobs.ts (enqueue helpers) and messages.ts (its dictionaries). (A leading #
// is escaped: the patterns are .gitignore lines.)
const tools = readdirSync(new URL('./app/modules', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const publicFiles = ['index.server', 'schemas', 'jobs', 'messages'];
const manifestOnlyInRegistry = {
  group: ['\\#app/modules/*/tool.server', '**/tool.server'],
  message: 'A tool manifest is read through app/modules/registry.server.ts only.',
};
/** Another tool's files other than its public surface; `own` is the tool the importing file belongs to. */
const otherToolsInternals = (own) => ({
  group: ['\\#app/modules/*/*', ...(own ? [`!\\#app/modules/${own}/*`] : []), ...publicFiles.map((f) => `!\\#app/modules/*/${f}`)],
  message: `Import another tool through its public files only (${publicFiles.join(', ')}.ts), or read the registry.`,
});
const outOfFolder = { group: ['../*'], message: 'Leave a tool folder by #app/… paths, so the boundary rule sees the import.' };
const boundaries = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.data/', '.data-test/', 'db/migrations/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The routers' UNSAFE_ exports are internals that may change in any release: public hooks only.
      'no-restricted-syntax': ['error', { selector: 'ImportSpecifier[imported.name=/^UNSAFE_/]', message: 'UNSAFE_ router internals may change in any release; use the public hooks.' }],
    },
  },
  // The service worker runs in its own global scope (self, clients, registration).
  { files: ['sw/**'], languageOptions: { globals: globals.serviceworker } },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    // No import cycles anywhere: a cycle makes load order decide whether a binding exists yet.
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Shared code reads the registry, never a tool's internals.
  { files: ['app/utils/**', 'app/root.tsx', 'app/entry.server.tsx', 'workers/**'], rules: boundaries(manifestOnlyInRegistry, otherToolsInternals(null)) },
  // A tool reaches another only through its public files.
  ...tools.map((tool) => ({ files: [`app/modules/${tool}/**`], rules: boundaries(manifestOnlyInRegistry, otherToolsInternals(tool), outOfFolder) })),
  { files: ['app/modules/*.ts', 'app/routes/**', 'app/components/**', 'db/**', 'tests/**', 'scripts/**', 'bench/**'], rules: boundaries(manifestOnlyInRegistry) },
  { files: ['app/modules/registry.server.ts'], rules: { 'no-restricted-imports': 'off' } },
);
