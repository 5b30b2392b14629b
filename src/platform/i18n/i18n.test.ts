import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localesDir } from '../paths.js';
import { i18n, locales, localeFromAcceptLanguage, readCatalogue, translator, type Locale } from './i18n.js';
import { formatDate, formatDateTime, formatMoney, formatNumber } from './format.js';

const srcDir = join(localesDir, '..');

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`; anything that is not a nested object is a leaf. */
function flatten(obj: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

const catalogues = Object.fromEntries(locales.map((l) => [l, new Map(flatten(readCatalogue(l)))])) as Record<Locale, Map<string, unknown>>;

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** A key used in code exists if it is a leaf, or (for `t(key, { count })`) has plural forms. */
function hasKey(cat: Map<string, unknown>, key: string): boolean {
  return cat.has(key) || [...cat.keys()].some((k) => pluralSuffix.test(k) && k.replace(pluralSuffix, '') === key);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Literal keys handed to a translator: `t('a.b')`, `view.t("a.b")`, `req.t(`a.b`)` (template literals
 * without `${`), plus nav entries' `labelKey: 'a.b'`, plus every value of every label table.
 */
function usedKeys(): { key: string; where: string }[] {
  const found: { key: string; where: string }[] = [];
  const patterns = [/\bt\(\s*(['"`])([^'"`$\n]+)\1/g, /\blabelKey:\s*(['"`])([^'"`$\n]+)\1/g];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) found.push({ key: m[2], where: `${relative(srcDir, file)}:${lineOf(text, m.index)}` });
    }
    for (const { key, index } of labelTableValues(text)) found.push({ key, where: `${relative(srcDir, file)}:${lineOf(text, index)}` });
  }
  return found;
}

/**
 * The values of the label tables in a file: every `= { … } as const satisfies LabelTable<…>` (see
 * `labels.ts`), each value the quoted string after a key's colon. A key is the enum's value, not a
 * translation key, so only values count.
 */
function labelTableValues(text: string): { key: string; index: number }[] {
  const values: { key: string; index: number }[] = [];
  for (const table of text.matchAll(/=\s*\{([^{}]*)\}\s*as const\s+satisfies\s+LabelTable</g)) {
    const bodyStart = table.index + table[0].indexOf('{') + 1;
    for (const v of table[1].matchAll(/:\s*(['"])([^'"\n]+)\1/g)) values.push({ key: v[2], index: bodyStart + v.index });
  }
  return values;
}

/**
 * A key built from a template and handed to a translator: a template with `${` in the first argument,
 * before its first comma or closing parenthesis (`t(`a.${b}`)`, `t(x ? 'a' : `b.${c}`)`).
 */
const builtKey = /\bt\(\s*[^,)]*?`[^`]*\$\{/g;

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
}

describe('locale catalogues', () => {
  it.each(locales.flatMap((a) => locales.filter((b) => b !== a).map((b) => [a, b] as const)))('every key in %s exists in %s', (a, b) => {
    const missing = [...catalogues[a].keys()].filter((k) => !catalogues[b].has(k));
    expect(missing, `keys in ${a}.json missing from ${b}.json`).toEqual([]);
  });

  it.each(locales)('%s.json has only non-empty string values', (l) => {
    const bad = [...catalogues[l]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad, `empty or non-string values in ${l}.json`).toEqual([]);
  });

  it('uses the same {{placeholders}} for a key in every locale', () => {
    const differing: string[] = [];
    for (const [key, da] of catalogues.da) {
      for (const l of locales) {
        const other = catalogues[l].get(key);
        if (typeof da !== 'string' || typeof other !== 'string') continue;
        // A singular form may spell out "one" instead of showing {{count}}.
        const strip = (xs: string[]) => (key.endsWith('_one') ? xs.filter((x) => x !== 'count') : xs);
        if (strip(placeholders(da)).join() !== strip(placeholders(other)).join()) differing.push(`${l}:${key}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('has plural forms in pairs (_one with _other)', () => {
    for (const l of locales) {
      const keys = [...catalogues[l].keys()];
      const ones = keys.filter((k) => k.endsWith('_one'));
      expect(ones.filter((k) => !catalogues[l].has(k.replace(/_one$/, '_other'))), l).toEqual([]);
    }
  });

  it('finds the literal keys used in the code, and each exists in da.json', () => {
    const used = usedKeys();
    // The scan itself must work, or this test would pass for nothing.
    expect(used.length).toBeGreaterThan(50);
    expect(used.map((u) => u.key)).toContain('home.login_cta');
    expect(used.map((u) => u.key)).toContain('nav.home');
    const missing = used.filter((u) => !hasKey(catalogues.da, u.key)).map((u) => `${u.key} (${u.where})`);
    expect(missing, 'keys used in code but missing from da.json').toEqual([]);
  });

  it('finds every value of every label table, and each exists in da.json', () => {
    const values = sourceFiles(srcDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return labelTableValues(text).map((v) => ({ key: v.key, where: `${relative(srcDir, file)}:${lineOf(text, v.index)}` }));
    });
    // The scan itself must work: tables in the features, the kernel and the platform.
    const keys = values.map((v) => v.key);
    expect(values.length).toBeGreaterThan(100);
    for (const known of ['members.statuses.expelled', 'event_staff.audience_options.workplace', 'units.kind.district', 'roles.admin', 'problem.http.not_found']) expect(keys).toContain(known);
    // A table's keys (`'http.not_found': …`) are the values it labels, not translation keys.
    expect(keys).not.toContain('http.not_found');
    expect(usedKeys().map((u) => u.key)).toContain('members.statuses.expelled');
    const missing = values.filter((v) => !hasKey(catalogues.da, v.key)).map((v) => `${v.key} (${v.where})`);
    expect(missing, 'label table values missing from da.json').toEqual([]);
  });

  it('hands no translator a key built at run time (write it out in a label table)', () => {
    const built = sourceFiles(srcDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(builtKey)].map((m) => `${relative(srcDir, file)}:${lineOf(text, m.index)}: ${m[0]}`);
    });
    expect(built, 'keys built from a template: write them out in a `LabelTable`').toEqual([]);
  });

  it('the built-key scan sees a template key, also as one branch of a choice, but not a template value', () => {
    const sample = [
      'view.t(`members.statuses.${s}`)',
      'req.t(`roles.${g.role}`, { x: 1 })',
      "t(scheduled ? 'news.status.scheduled' : `news.status.${post.status}`)",
      "t('tokens.personal', { name: `${first} ${last}` })",
      't(membershipStatusLabel[s])',
      'format(`${a}.${b}`)',
    ];
    expect(sample.map((s) => [...s.matchAll(builtKey)].length > 0)).toEqual([true, true, true, false, false, false]);
  });

  it('the scan does not mistake dynamic keys for literal ones and accepts plural keys', () => {
    const keys = usedKeys().map((u) => u.key);
    expect(keys.some((k) => k.includes('${'))).toBe(false);
    const plural = [...catalogues.da.keys()].find((k) => k.endsWith('_other'));
    if (plural) expect(hasKey(catalogues.da, plural.replace(/_other$/, ''))).toBe(true);
    expect(hasKey(catalogues.da, 'no.such.key')).toBe(false);
  });

  it('translates through i18next with interpolation and plurals', () => {
    const da = translator('da');
    const en = translator('en');
    expect(da('nav.home')).toBe(catalogues.da.get('nav.home'));
    expect(en('nav.home')).toBe(catalogues.en.get('nav.home'));
    expect(da('nav.home')).not.toBe(en('nav.home'));
    const plural = [...catalogues.en.keys()].find((k) => k.endsWith('_one'));
    if (plural) {
      const base = plural.replace(/_one$/, '');
      expect(en(base, { count: 1, formatted: '1' })).not.toBe(en(base, { count: 2, formatted: '2' }));
    }
  });
});

describe('translator', () => {
  /** The answer i18next itself gives, which the cached translator must match call for call. */
  const reference = (l: Locale) => i18n().getFixedT(l) as unknown as (key: string, options?: unknown) => string;
  const fast = (l: Locale) => translator(l) as unknown as (key: string, options?: unknown) => string;

  it('is made once per locale', () => {
    expect(translator('sv')).toBe(translator('sv'));
    expect(translator('sv')).not.toBe(translator('da'));
  });

  it.each(locales)('answers every key of %s exactly as i18next does, with and without values', (l) => {
    const values = ['Åse & Ø', '$& $1 $$', '{{name}}', '', 2.5];
    const checked: string[] = [];
    for (const [key, text] of catalogues[l]) {
      if (typeof text !== 'string') continue;
      const names = placeholders(text);
      const calls: unknown[] = [undefined, {}, { unrelated: 'x' }, { count: 2 }, { defaultValue: 'd' }];
      for (const v of values) calls.push(Object.fromEntries(names.map((n) => [n, v])));
      // One placeholder missing, one left undefined, one an object: i18next's own answers.
      if (names.length) calls.push(Object.fromEntries(names.slice(1).map((n) => [n, 'x'])), { ...Object.fromEntries(names.map((n) => [n, 'x'])), [names[0]]: undefined }, { [names[0]]: { a: 1 } });
      for (const options of calls) {
        expect(fast(l)(key, options), `${l}:${key} ${JSON.stringify(options)}`).toBe(reference(l)(key, options));
      }
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(100);
    for (const key of ['no.such.key', 'nav', '']) expect(fast(l)(key)).toBe(reference(l)(key));
  });

  it('fills placeholders with the values as they are', () => {
    const en = fast('en');
    const key = [...catalogues.en].find(([, v]) => typeof v === 'string' && placeholders(v).length === 1 && !v.includes('count'))?.[0];
    expect(key).toBeDefined();
    const name = placeholders(catalogues.en.get(key!) as string)[0];
    expect(en(key!, { [name]: '<b>$&</b>' })).toContain('<b>$&</b>');
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['da', 'da'],
    ['sv-SE', 'sv'],
    ['sv-SE,sv;q=0.9,en;q=0.8', 'sv'],
    ['en-GB,en;q=0.9', 'en'],
    ['en;q=0.5, da;q=0.9', 'da'],
    ['fr-FR, de;q=0.9, sv;q=0.2', 'sv'],
    ['en, da', 'en'],
    ['nb', 'da'],
    ['nb-NO,nb;q=0.9,en;q=0.5', 'da'],
    ['nn', 'da'],
    ['no', 'da'],
    ['DA-dk', 'da'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['fr-FR, de'], ['*'], ['da;q=0'], ['da;q=0, fr']])('%s → undefined', (header) => {
    expect(localeFromAcceptLanguage(header)).toBeUndefined();
  });
});

describe('formatting', () => {
  // Intl uses non-breaking spaces as group separators and before currency; compare with plain spaces.
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('writes Danish kroner the Danish way and Swedish kronor the Swedish way', () => {
    expect(plain(formatMoney('da', 1234.5, 'DKK'))).toBe('1.234,50 kr.');
    expect(plain(formatMoney('sv', 1234.5, 'SEK'))).toBe('1 234,50 kr');
    expect(plain(formatMoney('en', 1234.5, 'DKK'))).toContain('1,234.50');
  });

  it('groups numbers per locale', () => {
    expect(plain(formatNumber('da', 1234567.5))).toBe('1.234.567,5');
    expect(plain(formatNumber('sv', 1234567.5))).toBe('1 234 567,5');
    expect(plain(formatNumber('en', 1234567.5))).toBe('1,234,567.5');
  });

  it('shows dates in Copenhagen time, whatever the server zone', () => {
    // 22:30 UTC on 30 June is half past midnight on 1 July in Copenhagen (summer time, UTC+2).
    const instant = '2024-06-30T22:30:00Z';
    expect(formatDate('da', instant)).toBe('1. juli 2024');
    expect(formatDate('sv', instant)).toBe('1 juli 2024');
    expect(formatDate('en', instant)).toBe('1 July 2024');
    expect(formatDate('da', instant, 'UTC')).toBe('30. juni 2024');
    expect(formatDate('da', new Date(instant))).toBe('1. juli 2024');
  });

  it('shows times in Copenhagen time with its summer and winter offsets, 24-hour clock', () => {
    expect(plain(formatDateTime('da', '2024-01-15T12:05:00Z'))).toContain('13.05');
    expect(plain(formatDateTime('sv', '2024-07-15T12:05:00Z'))).toContain('14:05');
    const en = plain(formatDateTime('en', '2024-07-15T12:05:00Z'));
    expect(en).toContain('14:05');
    expect(en).not.toMatch(/pm/i);
  });
});
