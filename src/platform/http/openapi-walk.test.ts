import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, multipartForm, testApp, type TestApp } from '../../test/app.js';
import { seedDemo } from '../../demo/seed.js';

/**
 * Walks every operation the OpenAPI document lists, on the demo organisation with real ids, and
 * sends each the inputs a careless or hostile client sends: no body, wrong types, too much, broken
 * JSON, control characters, absurd path parameters. Whatever happens, the answer is not a 5xx, and
 * every error is problem+json with a stable code. A new feature's routes are walked the day they
 * appear in the document; nothing here names them.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Probe {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** What this probe must get besides "no 5xx, errors are problems". */
  expect?: (res: LightMyRequestResponse) => string | null;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const NUL = 'a\u0000b';
const CONTROL = 'a\u0007b\u001bc';
const SURROGATE = 'a\ud800b';
const LONG_PARAM = 'x'.repeat(101);

let t: TestApp;
let admin: Record<string, string>;
let doc: OpenApi;

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
  admin = { ...(await bearer(t.database, 'admin')), 'accept-language': 'en' };
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
  const { rows } = await t.database.executeSql(
    "select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'id' and data_type = 'uuid'",
  );
  for (const { table_name } of rows as { table_name: string }[]) {
    const first = await t.database.executeSql(`select id::text as id from "${table_name}" limit 1`);
    const id = (first.rows[0] as { id?: string } | undefined)?.id;
    if (id) idsByTable.set(table_name, id);
  }
  // A member, not whoever was inserted first (an administrator, say).
  const member = await t.database.executeSql('select person_id::text as id from memberships limit 1');
  idsByTable.set('persons', (member.rows[0] as { id: string }).id);
}, 120_000);
afterAll(() => t?.close());

// --- real ids -------------------------------------------------------------------------------------

/** Where a path segment's rows live when the table is not simply the segment's name. */
const TABLES: Record<string, { table: string; column?: string }> = {
  members: { table: 'memberships', column: 'person_id' },
  news: { table: 'news_posts' },
};

async function tableColumns(table: string): Promise<Set<string>> {
  const { rows } = await t.database.executeSql('select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table]);
  return new Set((rows as { column_name: string }[]).map((r) => r.column_name));
}

const singular = (table: string) => table.replace(/ies$/, 'y').replace(/s$/, '');

/** The table behind a resource segment: the override, the segment itself, or the parent's child table. */
async function tableFor(segment: string, parentTable: string | null): Promise<{ table: string; column: string; columns: Set<string> } | null> {
  const base = segment.replace(/-/g, '_');
  const candidates = [TABLES[segment], { table: base }, parentTable ? { table: `${singular(parentTable)}_${base}` } : undefined].filter((c): c is { table: string; column?: string } => Boolean(c));
  for (const c of candidates) {
    const columns = await tableColumns(c.table);
    if (columns.size) return { table: c.table, column: c.column ?? 'id', columns };
  }
  return null;
}

/**
 * Real values for a path's parameters: `/events/{id}/registrations/{registrationId}` takes a
 * registration and its own event, so parent and child belong together. A parameter whose rows are
 * not found gets a random uuid (a 404 is an answer too).
 */
async function realParams(path: string): Promise<Record<string, string>> {
  const segments = path.split('/').filter(Boolean);
  const found: { name: string; segment: string; table: { table: string; column: string; columns: Set<string> } | null }[] = [];
  let parentTable: string | null = null;
  for (let i = 0; i < segments.length; i++) {
    const m = /^\{(.+)\}$/.exec(segments[i]);
    if (!m) continue;
    const table = await tableFor(segments[i - 1], parentTable);
    found.push({ name: m[1], segment: segments[i - 1], table });
    parentTable = table?.table ?? null;
  }
  const values: Record<string, string> = {};
  // The innermost row first; its foreign keys name its parents.
  let child: Record<string, unknown> | null = null;
  let childTable: string | null = null;
  for (const p of [...found].reverse()) {
    const tbl = p.table;
    const column = p.name === 'slug' ? 'slug' : (tbl?.column ?? 'id');
    const fk = tbl && childTable ? `${singular(tbl.table)}_id` : null;
    if (tbl && child && fk && typeof child[fk] === 'string') {
      const { rows } = await t.database.executeSql(`select * from "${tbl.table}" where id = $1`, [child[fk]]);
      child = (rows[0] as Record<string, unknown> | undefined) ?? null;
    } else if (tbl && tbl.columns.has(column)) {
      const { rows } = await t.database.executeSql(`select * from "${tbl.table}" order by ${tbl.columns.has('created_at') ? 'created_at' : column} limit 1`);
      child = (rows[0] as Record<string, unknown> | undefined) ?? null;
    } else child = null;
    values[p.name] = child && child[column] != null ? String(child[column]) : randomUUID();
    childTable = tbl?.table ?? null;
  }
  return values;
}

const fill = (path: string, params: Record<string, string>) => path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? randomUUID()));

// --- bodies from the schema -------------------------------------------------------------------------

function resolve(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop() ?? '']);
  const branch = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branch) return resolve(branch.find((b) => resolve(b).type !== 'null') ?? branch[0]);
  return schema;
}

const typeOf = (s: JsonSchema): string => {
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return type ?? (s.properties ? 'object' : 'string');
};

/** How a shaped body fills its leaves: texts and numbers as given, or (undefined) something plausible. */
interface Fill {
  text?: string;
  number?: number;
  /** For date and date-time fields. */
  time?: string;
}

/** The first row's id of every table that has one, for fields that name a row (`unitId`, `topicIds`). */
const idsByTable = new Map<string, string>();
const PERSON_FIELD = /(^|_)(member|person|politician|consultant|author|contact_person|requester)$/;

function idFor(field: string, resource: string): string {
  const snake = field.replace(/Ids?$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const plural = snake.endsWith('y') ? `${snake.slice(0, -1)}ies` : `${snake}s`;
  const candidates = [...idsByTable.keys()].filter((table) => table === plural || table.endsWith(`_${plural}`));
  const table = candidates.find((c) => c.startsWith(singular(resource))) ?? candidates[0] ?? (PERSON_FIELD.test(snake) ? 'persons' : undefined);
  return (table && idsByTable.get(table)) ?? randomUUID();
}

/** Times a month ahead (the end two hours after the start), so a body passes "not in the past" on any day. */
function timeFor(field: string): string {
  const at = Date.now() + 30 * 86_400_000 + (/end|closes|until/i.test(field) ? 2 * 3_600_000 : 0);
  return new Date(Math.floor(at / 3_600_000) * 3_600_000).toISOString();
}

/**
 * A body shaped like the schema and plausible where it can be (enum values, real ids, future
 * times, e-mail addresses), so a probe gets past the schema and into the use case; free texts and
 * numbers come from `fill`.
 */
function shaped(schema: JsonSchema | undefined, fill: Fill, resource: string, field = '', depth = 0): unknown {
  const s = resolve(schema);
  switch (typeOf(s)) {
    case 'object':
      return depth > 6 ? {} : Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, shaped(v, fill, resource, k, depth + 1)]));
    case 'array':
      return [shaped(s.items, fill, resource, field, depth + 1)];
    case 'integer':
    case 'number':
      return fill.number ?? s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
  }
  if (s.enum?.length) return s.enum[0];
  switch (s.format) {
    case 'uuid':
      return idFor(field, resource);
    case 'date-time':
      return fill.time ?? timeFor(field);
    case 'date':
      return fill.time ?? timeFor(field).slice(0, 10);
    case 'email':
      return 'walk@example.org';
    case 'uri':
    case 'url':
      return 'https://example.org/';
  }
  return fill.text ?? 'Walk text';
}

/** A value of another type than the schema says; `deep` keeps arrays and objects and spoils what is inside. */
function wrong(schema: JsonSchema | undefined, deep: boolean, depth = 0): unknown {
  const s = resolve(schema);
  switch (typeOf(s)) {
    case 'object':
      return deep && depth < 6 ? Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, wrong(v, deep, depth + 1)])) : 'not-an-object';
    case 'array':
      return deep && depth < 6 ? [wrong(s.items, deep, depth + 1)] : 'not-an-array';
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    default:
      return deep ? { not: 'a string' } : 12345;
  }
}

const json = (value: unknown) => JSON.stringify(value);

function problemCheck(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `status ${res.statusCode} as ${type || 'no content type'}`;
  try {
    const body = res.json() as { code?: unknown };
    return typeof body.code === 'string' ? null : 'problem without a code';
  } catch {
    return 'problem body is not JSON';
  }
}

const controlCharacterRefused = (res: LightMyRequestResponse): string | null => {
  if (res.statusCode !== 422) return `expected 422, got ${res.statusCode}`;
  const errors = (res.json() as { errors?: { code: string }[] }).errors ?? [];
  return errors.some((e) => e.code === 'validation.control_character') ? null : 'no validation.control_character error';
};

function probesFor(path: string, method: string, op: Operation, params: Record<string, string>): Probe[] {
  const M = method.toUpperCase();
  const url = fill(path, params);
  const probes: Probe[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const withQuery = (value: string) => `${url}?${(queryParams.length ? queryParams : ['q']).map((n) => `${n}=${encodeURIComponent(value)}`).join('&')}`;

  probes.push({ name: 'as documented, no body', method: M, url });
  probes.push({ name: 'query: NUL', method: M, url: withQuery(NUL), expect: controlCharacterRefused });
  // UTF-8 cannot carry a lone surrogate; its CESU-8 bytes are what a broken client sends instead.
  probes.push({ name: 'query: bytes of a lone surrogate', method: M, url: `${url}?${queryParams[0] ?? 'q'}=%ED%A0%80` });
  probes.push({ name: 'query: 10,000 characters', method: M, url: withQuery('9'.repeat(10_000)) });
  probes.push({ name: 'query: wrong values', method: M, url: withQuery('not-a-value') });
  if (pathParams.length) {
    const each = (value: string) => fill(path, Object.fromEntries(pathParams.map((p) => [p.name, value])));
    probes.push({
      name: 'path parameter over 100 characters',
      method: M,
      url: each(LONG_PARAM),
      expect: (res) => (res.statusCode !== 414 ? `expected 414, got ${res.statusCode}` : res.body.includes(LONG_PARAM) ? 'the answer echoes the address' : null),
    });
    probes.push({ name: 'path parameter not an id', method: M, url: each('not-an-id') });
    probes.push({ name: 'path parameter NUL', method: M, url: each('\u0000'), expect: controlCharacterRefused });
    probes.push({
      name: 'path parameter badly escaped',
      method: M,
      url: path.replace(/\{[^}]+\}/g, '%E0%A4%A'),
      expect: (res) => (res.statusCode === 400 ? null : `expected 400, got ${res.statusCode}`),
    });
  }
  if (M === 'GET') return probes;

  const bodyType = Object.keys(op.requestBody?.content ?? {})[0] ?? 'application/json';
  const takesJson = bodyType === 'application/json';
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const jsonHeaders = { 'content-type': 'application/json' };
  const body = (name: string, payload: string | Buffer, extra: Partial<Probe> = {}) => probes.push({ name, method: M, url, headers: jsonHeaders, payload, ...extra });
  // A route that takes another format refuses JSON with 415 before it would look at the texts.
  const refusesControl = takesJson ? { expect: controlCharacterRefused } : {};
  body('empty JSON body', '');
  body('empty object', '{}');
  body('array instead of object', '[]');
  body('null', 'null');
  body('wrongly typed fields', json(wrong(schema, false)));
  body('wrongly typed fields inside', json(wrong(schema, true)));
  const resource = path.split('/')[3]?.replace(/-/g, '_') ?? '';
  const like = (fill: Fill) => shaped(schema, fill, resource);
  body('plausible', json(like({})));
  body('plausible, texts blank', json(like({ text: '' })));
  body('plausible, numbers huge', json(like({ number: 2 ** 63 })));
  body('plausible, numbers negative', json(like({ number: -1 })));
  body('plausible, numbers fractional', json(like({ number: 1.5 })));
  body('plausible, texts of 10,000 characters', json(like({ text: 'x'.repeat(10_000) })));
  body('plausible, times malformed', json(like({ time: '2026-13-45T25:61:00' })));
  body('plausible, times of 100,000 characters', json(like({ time: '2'.repeat(100_000) })));
  body('plausible, times in year 0', json(like({ time: '0000-01-01T00:00:00Z' })));
  // A body without free text (ids and choices only) gets one more field, so the probe still carries the text.
  const carrying = (text: string) => {
    const shape = like({ text });
    return json(shape).includes(json(text).slice(1, -1)) ? shape : { ...(shape as object), note: text };
  };
  body('plausible, texts with NUL', json(carrying(NUL)), refusesControl);
  body('plausible, texts with control characters', json(carrying(CONTROL)), refusesControl);
  body('plausible, texts with a lone surrogate', json(carrying(SURROGATE)), refusesControl);
  body('a key with NUL', json({ [NUL]: 'x' }), refusesControl);
  body('body over 1 MiB', json({ text: 'a'.repeat(1024 * 1024 + 10) }), { expect: (res) => (res.statusCode === 413 ? null : `expected 413, got ${res.statusCode}`) });
  body('malformed JSON', '{"name": ', { expect: (res) => (res.statusCode === 400 || res.statusCode === 415 ? null : `expected 400, got ${res.statusCode}`) });
  body('JSON nested 10,000 deep', '['.repeat(10_000) + ']'.repeat(10_000));
  body('prototype poisoning', '{"__proto__": {"admin": true}}');
  // A body where the operation takes none is ignored; where it takes one, another format is a 415.
  const unsupported = op.requestBody ? { expect: (res: LightMyRequestResponse) => (res.statusCode === 415 ? null : `expected 415, got ${res.statusCode}`) } : {};
  probes.push({ name: 'plain text body', method: M, url, headers: { 'content-type': 'text/plain' }, payload: 'name=x', ...unsupported });
  if (bodyType === 'text/csv') {
    const csv = (name: string, payload: string | Buffer) => probes.push({ name, method: M, url, headers: { 'content-type': 'text/csv' }, payload });
    csv('CSV: empty', '');
    csv('CSV: header only', 'name;email\n');
    csv('CSV: cells with NUL', `first_name;last_name;email\n${NUL};x;x@example.org\n`);
    csv('CSV: cells with control characters', `first_name;last_name;email\n${CONTROL};x;x@example.org\n`);
    csv('CSV: not UTF-8', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xed, 0xa0, 0x80, 0xff, 0x0a]));
    csv('CSV: one cell of 100,000 characters', `first_name;last_name;email\n${'x'.repeat(100_000)};x;x@example.org\n`);
    csv('CSV: broken quote', 'first_name;last_name\n"open;x\n');
  }
  const form = multipartForm({ name: 'x' });
  probes.push({ name: 'multipart body', method: M, url, headers: { 'content-type': form.contentType }, payload: form.payload });
  probes.push({ name: 'broken content type', method: M, url, headers: { 'content-type': 'application/json; charset=' }, payload: '{}' });
  return probes;
}

describe('every operation in the OpenAPI document', () => {
  it('answers bad input without a 5xx, and every error as problem+json with a code', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => METHODS.filter((m) => ops[m]).map((method) => ({ path, method, op: ops[method] })));
    expect(operations.length).toBeGreaterThan(40);
    // Deleting goes last, so the other operations still find the rows they are given.
    operations.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));

    const failures: string[] = [];
    let sent = 0;
    for (const { path, method, op } of operations) {
      const params = await realParams(path);
      for (const probe of probesFor(path, method, op, params)) {
        const res = await t.app.inject({ method: probe.method as 'GET', url: probe.url, headers: { ...admin, ...probe.headers }, payload: probe.payload });
        sent++;
        const problem = problemCheck(res) ?? probe.expect?.(res) ?? null;
        if (problem) failures.push(`${method.toUpperCase()} ${path} [${probe.name}] ${problem}: ${res.body.slice(0, 300)}`);
      }
    }

    // Each documented path asked with a method it does not take: 405 naming those it does.
    for (const [path, ops] of Object.entries(doc.paths)) {
      const other = METHODS.find((m) => !ops[m]);
      if (!other) continue;
      const res = await t.app.inject({ method: other.toUpperCase() as 'GET', url: fill(path, await realParams(path)), headers: admin });
      sent++;
      // Another route may take the address with that method (`GET /news/{slug}` beside `PATCH /news/{id}`).
      const problem = problemCheck(res) ?? (res.statusCode === 405 && !res.headers.allow ? '405 without Allow' : null);
      if (problem) failures.push(`${other.toUpperCase()} ${path} [method not offered] ${problem}: ${res.body.slice(0, 300)}`);
    }

    if (failures.length) console.log(`${failures.length} of ${sent} answers were wrong:\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
