// The browser gets the page's text in the page's language only. The dictionaries stay as written (both languages in
// one file per tool: app/modules/<tool>/messages.ts, app/utils/core-messages.ts), which the server and the tests use
// whole. In the browser build each such file becomes a module that loads one language's text (a chunk of its own per
// tool and language) before anything that imports it runs: the language is the document's, `<html lang>`, and a
// change of language reloads the page (app/root.tsx). See docs/decisions/047-one-language-per-page.md.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const locales = ['ru', 'en'] as const;
const prefix = 'virtual:page-language';
const resolved = `\0${prefix}`;

/** The dictionary files: each tool's messages.ts and the core's, by text name ("core" or the tool's folder). */
function dictionaries(root: string): Map<string, string> {
  const files = new Map<string, string>([['core', join(root, 'app/utils/core-messages.ts')]]);
  const modules = join(root, 'app/modules');
  for (const tool of readdirSync(modules)) {
    const file = join(modules, tool, 'messages.ts');
    try {
      if (statSync(file).isFile()) files.set(tool, file);
    } catch {
      // a folder without text of its own
    }
  }
  return files;
}

/** The file's exports, read fresh (Node runs the TypeScript of these data-only files itself). */
async function exportsOf(file: string): Promise<Record<string, unknown>> {
  return import(`${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`);
}

/** Which language a dictionary export holds, by the naming the files keep: `reportsEn`, `coreRu`. */
function languageOf(exportName: string): (typeof locales)[number] | null {
  const match = /(En|Ru)$/.exec(exportName);
  return match ? (match[1]!.toLowerCase() as 'en' | 'ru') : null;
}

export function pageLanguage(): Plugin {
  let root = process.cwd();
  let files = new Map<string, string>();
  const nameOf = (id: string) => [...files].find(([, file]) => file === id.split('?')[0])?.[0];
  return {
    name: 'vmeste-page-language',
    configResolved(config) {
      root = config.root;
      files = dictionaries(root);
    },
    resolveId(id) {
      return id === prefix || id.startsWith(`${prefix}/`) ? `\0${id}` : undefined;
    },
    async load(id) {
      if (id === resolved) {
        // One loader per language and text name; the import() calls make each a chunk of its own.
        const loaders = locales.flatMap((locale) => [...files.keys()].map((name) => `'${locale}:${name}': () => import('${prefix}/${locale}/${name}')`));
        return [
          `const lang = document.documentElement.lang === 'en' ? 'en' : 'ru';`,
          `const loaders = {\n  ${loaders.join(',\n  ')}\n};`,
          `/** The page language's text of one dictionary: { [lang]: text }. */`,
          `export async function textOf(name) {\n  return { [lang]: (await loaders[lang + ':' + name]()).default };\n}`,
        ].join('\n');
      }
      if (id.startsWith(`${resolved}/`)) {
        const [locale, name] = id.slice(resolved.length + 1).split('/') as [string, string];
        const file = files.get(name);
        if (!file) return undefined;
        this.addWatchFile(file);
        const dictionary = Object.entries(await exportsOf(file)).find(([exportName]) => languageOf(exportName) === locale)?.[1];
        return `export default ${JSON.stringify(dictionary ?? {})};`;
      }
      return undefined;
    },
    async transform(_code, id, options) {
      if (options?.ssr) return undefined;
      const name = nameOf(id);
      if (!name) return undefined;
      const file = files.get(name)!;
      const lines = [`import { textOf } from '${prefix}';`, `const text = await textOf(${JSON.stringify(name)});`];
      for (const [exportName, value] of Object.entries(await exportsOf(file))) {
        const language = languageOf(exportName);
        if (language) lines.push(`export const ${exportName} = text.${language} ?? {};`);
        else if (value && typeof value === 'object' && 'name' in value) {
          lines.push(`export const ${exportName} = { name: ${JSON.stringify((value as { name: string }).name)}, ...text };`);
        } else throw new Error(`${relative(root, file)}: export ${exportName} is neither a dictionary (…En, …Ru) nor a tool's text ({ name, en, ru })`);
      }
      return { code: lines.join('\n'), map: null };
    },
  };
}
