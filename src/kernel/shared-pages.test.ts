import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createPerson, loginAs, testConfig } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import type { Database } from '../platform/db/database.js';
import type { View } from '../platform/html/view.js';
import { sharedPages } from './shared-pages.js';

/**
 * A kept page is the page its inputs and the visitor's language and address make, for visitors
 * without a session only; a page that hands out a CSRF token, or one for a person, is made anew.
 */

let database: Database;
let app: FastifyInstance;
let input = { version: 1 };
const renders = { plain: 0, form: 0 };

const page = (view: View, text: string) => `<!doctype html><html lang="${view.locale}"><body>${text} ${view.t('nav.home')} ${view.actor.kind}</body></html>`;

beforeAll(async () => {
  database = await testDatabase();
  const plain = sharedPages();
  const form = sharedPages();
  const feature = {
    name: 'shared-pages-test',
    async routes(a: FastifyInstance) {
      a.get('/kept', async (req, reply) =>
        plain.send(req, reply, [input], (view) => {
          renders.plain++;
          return page(view, `version ${input.version}`);
        }),
      );
      a.get('/form', async (req, reply) =>
        form.send(req, reply, [input], (view) => {
          renders.form++;
          return page(view, `<form><input name="_csrf" value="${view.csrfToken}"></form>`);
        }),
      );
    },
  };
  app = await buildApp({ config: testConfig(), database, secret: 'test-secret-test-secret-test-secret-0123', logger: false, features: [feature] });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

describe('shared pages', () => {
  it('renders once per language and address, and sends the same bytes and headers again', async () => {
    const before = renders.plain;
    const first = await get('/kept');
    const again = await get('/kept');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['content-length']).toBe(first.headers['content-length']);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(renders.plain).toBe(before + 1);

    const english = await get('/kept', { 'accept-language': 'en' });
    expect(english.body).toContain('lang="en"');
    expect(english.body).not.toBe(first.body);
    expect((await get('/kept?x=1')).statusCode).toBe(200);
    expect(renders.plain).toBe(before + 3);
    expect((await get('/kept', { 'accept-language': 'en' })).body).toBe(english.body);
    expect(renders.plain).toBe(before + 3);
  });

  it('renders again once an input is a new object (its cache was reloaded)', async () => {
    await get('/kept');
    const before = renders.plain;
    input = { version: 2 };
    const res = await get('/kept');
    expect(res.body).toContain('version 2');
    expect(renders.plain).toBe(before + 1);
  });

  it('makes a logged-in person their own page every time', async () => {
    const person = await createPerson(database);
    const { cookie } = await loginAs(database, person.id);
    const before = renders.plain;
    const mine = await get('/kept', { cookie });
    expect(mine.body).toContain('person');
    expect((await get('/kept', { cookie })).body).toContain('person');
    expect(renders.plain).toBe(before + 2);
    expect((await get('/kept')).body).toContain('anonymous');
  });

  it('never keeps a page that hands out a CSRF token: each visitor gets their own token and cookie', async () => {
    const a = await get('/form');
    const b = await get('/form');
    expect(renders.form).toBe(2);
    const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    expect(token(a.body)).toBeTruthy();
    expect(token(a.body)).not.toBe(token(b.body));
    for (const res of [a, b]) expect(String(res.headers['set-cookie'])).toContain('forening_csrf=');
  });
});
