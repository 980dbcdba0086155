import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolMessages } from '#app/modules/messages';
import { coreEn, coreRu } from './core-messages';
import { translator } from './i18n.server';

const namespaces: Record<string, { en: Record<string, string>; ru: Record<string, string> }> = { core: { en: coreEn, ru: coreRu }, ...toolMessages };
const keys = new Set(Object.values(namespaces).flatMap((n) => Object.keys(n.en)));

/** Every .ts/.tsx file of app/ but the dictionaries themselves and the tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/messages\.ts$|\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}
const code = sources('app').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

// Where a literal message key is written: t('…') and msg('…'), either side of a ternary or after ?? inside them, a
// page's `title: '…'`, a notice's or an e-mail's `kind`, `subject` and `body`, a use-case's `errors: { field: '…' }`,
// `form: '…'` and `why: '…'`, and a function that returns one. Keys held in variables are typed MessageKey (tsc).
const keyShaped = String.raw`([a-zA-Z]+\.[\w.-]*\w)`;
const literalKeyPatterns = [
  /\b(?:t|msg)\(\s*'([^']+)'/g,
  /\b(?:t|msg)\([^()'`]*\?\s*'([^']+)'\s*:/g,
  /\b(?:t|msg)\([^()'`]*\?\s*'[^']+'\s*:\s*'([^']+)'/g,
  new RegExp(String.raw`\?\?\s*'${keyShaped}'\s*\)`, 'g'),
  new RegExp(String.raw`\b(?:title|kind|subject|body|why|form):\s*'${keyShaped}'`, 'g'),
  new RegExp(String.raw`\berrors:\s*\{\s*\w+:\s*'${keyShaped}'`, 'g'),
  new RegExp(String.raw`\breturn\s+'${keyShaped}'`, 'g'),
];

// Keys built at run time, t(`prefix.${value}`): tsc checks each against MessageKey; this list names the families.
const dynamicKeyFamilies = [
  'arbitration.', 'event.', 'feedback.by.', 'feedback.col.', 'feedback.kind.', 'feedback.score', 'feedback.series.', 'feedback.title.',
  'ideas.decisionStatus.', 'ideas.feasibility.', 'ideas.sort.', 'initiatives.filter.', 'initiatives.status.', 'ideas.stage.', 'ideas.status.', 'ideas.verdict.', 'reject.', 'reportStatus.', 'reports.rated.',
  'role.', 'sla.', 'stats.kind.', 'status.', 'votes.status.',
  'feedback.heading.', 'feedback.send.', 'votes.grade.', 'votes.rule.', 'votes.outcome.', 'surveys.admin.status.', 'surveys.kind.', 'centres.kind.', 'centres.ticketStatus.', 'centres.status.', 'reports.age.', 'services.situation.',
  'assist.document.', 'assist.boothState.', 'stats.activity.', 'stats.channel.',
  'feedback.dimension.', 'feedback.stage.', 'feedback.stage.report.', 'feedback.unitKind.',
  'push.browser.', 'push.topic.',
  'alerts.status.',
];

describe('the dictionaries', () => {
  it('carry the same keys in Russian and English in every namespace, no more and no fewer', () => {
    for (const [name, { en, ru }] of Object.entries(namespaces)) {
      expect(Object.keys(ru).filter((key) => !(key in en)), `${name}: only in Russian`).toEqual([]);
      expect(Object.keys(en).filter((key) => !(key in ru)), `${name}: only in English`).toEqual([]);
    }
  });

  it('hold each key in one namespace only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, { en }] of Object.entries(namespaces)) {
      for (const key of Object.keys(en)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${name})`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('give a message the same placeholders in both languages', () => {
    // A plural form's body ({day} in `one {day}`) is not a placeholder.
    const placeholders = (text: string) => [...text.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)[,}]/g)].map((m) => m[1]).sort().filter((v, i, all) => all.indexOf(v) === i);
    const differing = Object.values(namespaces).flatMap(({ en, ru }) =>
      Object.keys(en).filter((key) => JSON.stringify(placeholders(en[key]!)) !== JSON.stringify(placeholders(ru[key]!))),
    );
    expect(differing).toEqual([]);
  });
});

describe('the code', () => {
  it('uses only keys the dictionaries hold', () => {
    const missing: string[] = [];
    let found = 0;
    for (const { path, text } of code) {
      for (const pattern of literalKeyPatterns) {
        for (const match of text.matchAll(pattern)) {
          found++;
          if (!keys.has(match[1]!)) missing.push(`${path}: ${match[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(found).toBeGreaterThan(700);
  });

  it('builds keys at run time only in the families listed, each of which exists', () => {
    const families = new Set(code.flatMap(({ text }) => [...text.matchAll(/\bt\(`([\w.]+)\$\{/g)].map((m) => m[1]!)));
    expect([...families].filter((family) => !dynamicKeyFamilies.includes(family))).toEqual([]);
    for (const family of dynamicKeyFamilies) expect([...keys].some((key) => key.startsWith(family)), family).toBe(true);
  });
});

describe('each page', () => {
  const namespaceOf = new Map(Object.entries(namespaces).flatMap(([name, { en }]) => Object.keys(en).map((key) => [key, name] as const)));
  /** The file and the client-side code it imports from app/ (components, client-safe utils and modules), transitively. */
  function withImports(path: string, seen = new Set<string>()): Set<string> {
    if (seen.has(path)) return seen;
    seen.add(path);
    for (const [, target] of readFileSync(path, 'utf8').matchAll(/from '#app\/([\w$./-]+)'/g)) {
      if (target!.includes('.server') || target!.endsWith('messages') || target === 'root') continue;
      const file = ['.tsx', '.ts'].map((ext) => join('app', target! + ext)).find(existsSync);
      if (file) withImports(file, seen);
    }
    return seen;
  }
  const pages = readdirSync('app/routes').filter((name) => /^export const handle = /m.test(readFileSync(join('app/routes', name), 'utf8')));

  it('names in its handle every tool whose text it and its components use', () => {
    const missing: string[] = [];
    for (const page of pages) {
      const files = withImports(join('app/routes', page));
      // A layout's handle counts for the pages inside it (admin.tsx for admin.*).
      const layouts = pages.filter((other) => page.startsWith(other.replace(/\.tsx$/, '.')));
      const declared = new Set(['core', ...[page, ...layouts].flatMap((file) => [.../messages: \[([^\]]*)\]/.exec(readFileSync(join('app/routes', file), 'utf8'))?.[1]?.matchAll(/(\w+)Messages\b/g) ?? []].map((m) => m[1]!))]);
      for (const file of files) {
        for (const [, key] of readFileSync(file, 'utf8').matchAll(/['"`]([a-zA-Z]+\.[\w.-]*)(?=['"`]|\$\{)/g)) {
          const names = key!.endsWith('.') ? [...namespaceOf].filter(([k]) => k.startsWith(key!)).map(([, n]) => n) : [namespaceOf.get(key!)];
          for (const name of names) if (name && !declared.has(name)) missing.push(`${page}: ${key} (${name}) in ${basename(file)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(pages.length).toBeGreaterThan(50);
  });
});

describe('plural forms', () => {
  const en = translator('en');
  const ru = translator('ru');

  it('count reports in English: one, other', () => {
    expect([0, 1, 2, 5, 21].map((limit) => en('reports.dailyLimit', { limit, time: '9:00' }).split(',')[0])).toEqual([
      'You have filed 0 reports today',
      'You have filed 1 report today',
      'You have filed 2 reports today',
      'You have filed 5 reports today',
      'You have filed 21 reports today',
    ]);
  });

  it('count reports in Russian: one, few, many', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((limit) => ru('reports.dailyLimit', { limit, time: '9:00' }).split(' —')[0])).toEqual([
      'Сегодня вы подали 1 обращение',
      'Сегодня вы подали 2 обращения',
      'Сегодня вы подали 5 обращений',
      'Сегодня вы подали 11 обращений',
      'Сегодня вы подали 12 обращений',
      'Сегодня вы подали 21 обращение',
      'Сегодня вы подали 22 обращения',
      'Сегодня вы подали 25 обращений',
      'Сегодня вы подали 111 обращений',
    ]);
  });

  it('count each thing of a sentence on its own', () => {
    const counts = { reports: 1, ideas: 0, comments: 2, supports: 1, ballots: 5 };
    expect(en('cabinet.counts', counts)).toBe('1 report · 0 ideas · 2 comments · 1 support · voted in 5 ballots ·');
    expect(ru('cabinet.counts', counts)).toBe('1 обращение · 0 идей · 2 комментария · 1 поддержка · участие в 5 голосованиях ·');
    expect(ru('cabinet.points', { points: 1 })).toBe('1 балл');
    expect(ru('cabinet.points', { points: 24 })).toBe('24 балла');
    expect(ru('votes.pickUpTo', { max: 1 })).toBe('Выберите не больше 1 ответа.');
    expect(ru('votes.pickUpTo', { max: 3 })).toBe('Выберите не больше 3 ответов.');
    expect(ru('votes.turnout', { n: 1 })).toBe('Явка: 1 житель');
    expect(ru('votes.turnout', { n: 3 })).toBe('Явка: 3 жителя');
    expect(ru('votes.turnout', { n: 1000 })).toBe('Явка: 1000 жителей');
    expect(en('votes.turnout', { n: 1 })).toBe('Turnout: 1 resident');
    expect(ru('data.rows', { n: 101 })).toBe('101 строка');
    expect(ru('data.rows', { n: 1.5 })).toBe('1.5 строки');
    expect(en('feedback.staffIntroDepartment', { days: 1 })).toBe("Ratings residents gave your department's answers over the last day.");
    expect(ru('feedback.staffIntroDepartment', { days: 30 })).toBe('Оценки жителей ответам вашей службы за последние 30 дней.');
    expect(ru('feedback.staffIntroDepartment', { days: 21 })).toBe('Оценки жителей ответам вашей службы за последний 21 день.');
  });

  it('leave a missing parameter as written, and text with no parameters as it is', () => {
    expect(en('votes.turnout')).toBe('Turnout: {n, plural, one {# resident} other {# residents}}');
    expect(en('reports.dailyLimit', { limit: 2 })).toBe('You have filed 2 reports today, the daily limit. You can file the next one from {time}.');
  });
});

describe('Russian text', () => {
  // Placeholders that carry a number: a word that follows one must change with it (a plural form), or be a unit's
  // abbreviation ("мин.", "МБ", "%").
  const counts = /^(n|count|max|min|limit|minutes|hours|days|points|supports|comments|reports|ideas|ballots|total|assessed|megapixels|mb|votes|voters)$/;
  const everyMessage = Object.entries(namespaces).flatMap(([name, { en, ru }]) => Object.keys(en).map((key) => ({ key: `${name}: ${key}`, en: en[key]!, ru: ru[key]! })));

  it('has no English units (d, h, min, m, km) in Russian messages', () => {
    const english = /(?:\d|\})\s?(?:d|h|hr|hrs|min|mins|m|km|s|sec)(?![\p{L}])/u;
    expect(everyMessage.filter(({ ru }) => english.test(ru)).map(({ key, ru }) => `${key}: ${ru}`)).toEqual([]);
  });

  it('puts a word after a count only through plural forms, in both languages', () => {
    const bareCount = (text: string, word: RegExp) =>
      [...text.matchAll(/\{(\w+)\}\s+(\p{L}+)(\.?)/gu)].filter((m) => counts.test(m[1]!) && m[3] !== '.' && word.test(m[2]!)).map((m) => m[0]);
    const found = everyMessage.flatMap(({ key, en, ru }) => [...bareCount(ru, /^[а-яё]{3,}$/), ...bareCount(en, /^[a-z]{3,}s$/)].map((bare) => `${key}: ${bare}`));
    expect(found).toEqual([]);
  });

  it('has no English units written into the code that formats time or distance', () => {
    // "${hours} h", "{n.metres} m)": such text is in the reader's units through app/utils/format.ts.
    const unitAfterValue = /\}\s?(?:d|h|min|m|km)(?=[\s)<'`,]|$)/m;
    const offending = code.filter(({ path, text }) => /\.tsx?$/.test(path) && unitAfterValue.test(text)).map(({ path, text }) => `${path}: ${unitAfterValue.exec(text)![0]}`);
    expect(offending).toEqual([]);
  });

  it('starts every paragraph of an e-mail with a capital letter, in both languages', () => {
    const lower = everyMessage.flatMap(({ key, en, ru }) => (/email\./.test(key) ? [en, ru] : []).flatMap((text) => text.split('\n\n').filter((p) => /^\p{Ll}/u.test(p)).map((p) => `${key}: ${p.slice(0, 30)}…`)));
    expect(lower).toEqual([]);
  });

  it('says the same of a report everywhere: обращение, never сообщение', () => {
    const other = everyMessage.filter(({ ru }) => /сообщени/i.test(ru)).map(({ key }) => key);
    expect(other).toEqual([]);
  });
});

