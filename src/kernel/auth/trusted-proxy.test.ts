import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';

const LIMIT = 2;
const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.7';

let database: Database;
let oneHop: TestApp;
let listed: TestApp;

beforeAll(async () => {
  database = await testDatabase();
  oneHop = await testApp({ TRUST_PROXY: '1', LOGIN_RATE_LIMIT: String(LIMIT) }, database);
  listed = await testApp({ TRUST_PROXY: PROXY, LOGIN_RATE_LIMIT: String(LIMIT) }, database);
});
afterAll(async () => {
  await oneHop.close();
  await listed.close();
  await database.close();
});

/** A log-in link request as it reaches the app: from `peer`, with the X-Forwarded-For the proxy passes on. */
const requestLink = (t: TestApp, peer: string, forwardedFor: string) =>
  t.app.inject({ method: 'POST', url: '/login/link', remoteAddress: peer, headers: { 'x-forwarded-for': forwardedFor, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=someone%40example.org' });

describe('TRUST_PROXY and the client address the log-in limit counts', () => {
  it('with one hop, believes only the entry the proxy appended: a forged entry before it does not dodge the limit', async () => {
    const statuses: number[] = [];
    // The client writes a new fake address each time; the proxy appends the address it saw.
    for (let i = 0; i <= LIMIT; i++) statuses.push((await requestLink(oneHop, PROXY, `198.51.100.${i}, ${CLIENT}`)).statusCode);
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses[LIMIT]).toBe(429);
    // Another client behind the same proxy has a budget of its own.
    expect((await requestLink(oneHop, PROXY, '203.0.113.8')).statusCode).not.toBe(429);
  });

  it('with a list of proxies, believes X-Forwarded-For only from them', async () => {
    const statuses: number[] = [];
    // Straight from the internet (not a listed proxy), the header is ignored: the peer is the client.
    for (let i = 0; i <= LIMIT; i++) statuses.push((await requestLink(listed, '192.0.2.50', `198.51.100.${i}`)).statusCode);
    expect(statuses[LIMIT]).toBe(429);
    // Through the listed proxy, its entry names the client.
    expect((await requestLink(listed, PROXY, `198.51.100.99, ${CLIENT}`)).statusCode).not.toBe(429);
  });
});
