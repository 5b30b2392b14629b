import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layering rules of docs/architecture.md, checked on the code's own imports:
 *   platform ← kernel ← features ← the composition root (app.ts, features.ts, runtime.ts, main.ts, demo/).
 * Test code (*.test.ts, *.fixture.ts, src/test/) exercises the assembled app and may import anything;
 * it is also what the build leaves out.
 */

const src = dirname(fileURLToPath(import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const isTestCode = (file: string) => /\.(test|fixture)\.tsx?$/.test(file) || relative(src, file).startsWith('test/');
const all = walk(src);
const shipped = all.filter((f) => !isTestCode(f));

interface Edge {
  from: string;
  to: string;
  names: string[];
  typeOnly: boolean;
}

function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: Edge[] = [];
  for (const st of source.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const to = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')].find((p) => existsSync(p));
    if (!to) continue;
    let names: string[] = [];
    let typeOnly = false;
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) names = bindings.elements.map((e) => (e.propertyName ?? e.name).text);
      typeOnly = Boolean(clause?.isTypeOnly || (bindings && ts.isNamedImports(bindings) && !clause?.name && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
    } else {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) names = st.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
      typeOnly = st.isTypeOnly;
    }
    out.push({ from: file, to, names, typeOnly });
  }
  return out;
}

const edges = new Map(shipped.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(src, f);

type Layer = 'platform' | 'kernel' | `feature:${string}` | 'config' | 'root';
function layerOf(file: string): Layer {
  const r = rel(file);
  if (r === 'config.ts') return 'config';
  if (r.startsWith('platform/')) return 'platform';
  if (r.startsWith('kernel/')) return 'kernel';
  if (r.startsWith('features/')) return `feature:${r.split('/')[1]}`;
  return 'root';
}
const isFeature = (l: Layer): l is `feature:${string}` => l.startsWith('feature:');

/**
 * A feature declares its tables in `tables.ts`; a big one splits them by use case into
 * `<part>-tables.ts` files beside it (the assemblies' motions, polls, elections).
 */
const isTables = (f: string) => /\/([\w-]+-)?tables\.ts$/.test(f);

/** The drizzle tables each feature declares in its tables files, by name. */
const tableOwners = new Map<string, Layer>();
for (const file of shipped.filter(isTables)) {
  for (const m of readFileSync(file, 'utf8').matchAll(/export const (\w+) = pgTable\(/g)) tableOwners.set(m[1], layerOf(file));
}

/** The SQL names of the tables each layer or feature owns (a table declared again only to carry a foreign key is not counted). */
const sqlTableOwners = new Map<string, Layer>();
for (const file of shipped.filter(isTables)) {
  for (const m of readFileSync(file, 'utf8').matchAll(/export const \w+ = pgTable\(\s*'(\w+)'/g)) sqlTableOwners.set(m[1], layerOf(file));
}

/** Plain SQL in a file that reads or writes another feature's table: `from x`, `join x`, `into x`, `update x`. */
function foreignSql(file: string): string[] {
  const own = layerOf(file);
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join|into|update)\s+(\w+)\b/g)) {
    const owner = sqlTableOwners.get(m[1]);
    if (owner && isFeature(owner) && owner !== own) found.add(`${rel(file)} ~ ${m[1]}`);
  }
  return [...found];
}

describe('the layers', () => {
  it('finds the code it checks', () => {
    expect(shipped.length).toBeGreaterThan(200);
    expect([...edges.values()].flat().length).toBeGreaterThan(1000);
    expect(tableOwners.get('events')).toBe('feature:events');
    expect(tableOwners.get('persons')).toBe('kernel');
  });

  it('the platform imports only the platform (and the configuration)', () => {
    const bad = [...edges.values()].flat().filter((e) => layerOf(e.from) === 'platform' && !['platform', 'config'].includes(layerOf(e.to)));
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('the kernel imports only the kernel and the platform', () => {
    const bad = [...edges.values()].flat().filter((e) => layerOf(e.from) === 'kernel' && !['platform', 'kernel', 'config'].includes(layerOf(e.to)));
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('a feature imports another feature only through its index.ts (a tables.ts may import a tables.ts for foreign keys)', () => {
    const bad = [...edges.values()].flat().filter((e) => {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      if (!isFeature(from) || !isFeature(to) || from === to) return false;
      if (rel(e.to).endsWith('/index.ts') && rel(e.to).split('/').length === 3) return false;
      return !(isTables(e.from) && isTables(e.to));
    });
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('features never import the composition root (app, the feature list, the runtime, the CLI, the demo)', () => {
    const bad = [...edges.values()].flat().filter((e) => isFeature(layerOf(e.from)) && layerOf(e.to) === 'root');
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it("no feature's index.ts hands out its tables, and no code outside a feature imports them", () => {
    const exported = [...edges.values()]
      .flat()
      .filter((e) => isFeature(layerOf(e.from)) && rel(e.from).endsWith('/index.ts') && isTables(e.to) && !e.typeOnly)
      .flatMap((e) => e.names.filter((n) => tableOwners.get(n) === layerOf(e.from)).map((n) => `${rel(e.from)} exports ${n}`));
    const imported = [...edges.values()]
      .flat()
      .filter((e) => !isTables(e.from))
      .flatMap((e) => e.names.filter((n) => isFeature(tableOwners.get(n) ?? 'root') && tableOwners.get(n) !== layerOf(e.from)).map((n) => `${rel(e.from)} <- ${n}`));
    expect([...exported, ...imported]).toEqual([]);
  });

  it("no plain SQL touches another feature's tables, and the platform and kernel none at all", () => {
    expect(shipped.flatMap(foreignSql)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const { to } of edges.get(v) ?? []) {
        if (!edges.has(to)) continue;
        if (!index.has(to)) {
          visit(to);
          low.set(v, Math.min(low.get(v)!, low.get(to)!));
        } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component);
      }
    };
    for (const f of shipped) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('has no cycle between features', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of [...edges.values()].flat()) {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      if (isFeature(from) && isFeature(to) && from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      [...(graph.get(from) ?? [])].some((n) => n === target || (!seen.has(n) && (seen.add(n), reaches(n, target, seen))));
    const circles = [...graph.keys()].filter((f) => reaches(f, f));
    expect(circles).toEqual([]);
  });

  it('every feature folder has an index.ts exporting its feature, listed in src/features.ts', () => {
    const list = readFileSync(join(src, 'features.ts'), 'utf8');
    const folders = readdirSync(join(src, 'features')).filter((n) => statSync(join(src, 'features', n)).isDirectory());
    const missing = folders.filter((n) => {
      const index = join(src, 'features', n, 'index.ts');
      return !existsSync(index) || !/export const feature: Feature = \{/.test(readFileSync(index, 'utf8')) || !list.includes(`'./features/${n}/index.js'`);
    });
    expect(missing).toEqual([]);
  });

  it('only test code imports vitest, so the build ships none', () => {
    const bad = shipped.filter((f) => /from 'vitest'/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(bad).toEqual([]);
  });
});
