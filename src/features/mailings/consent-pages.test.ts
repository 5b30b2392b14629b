import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { mailingWorld, member, type MailingWorld } from './mailings.fixture.js';
import { unsubscribeToken } from './unsubscribe.js';
import { invitationToken } from './invitations.js';

let t: TestApp;
let w: MailingWorld;

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
});
afterAll(async () => t.close());

async function subscriptionRows(personId: string) {
  return (await t.database.executeSql(`select topic_id as "topicId", subscribed, source from newsletter_topic_subscriptions where person_id = $1 order by topic_id`, [personId])).rows;
}

describe('/me/newsletters', () => {
  it('shows every active topic with its state, and opts out and in without JavaScript', async () => {
    const p = await member(w);
    const { cookie } = await loginAs(t.database, p.id);
    const session = await formSession(t.app, '/me/newsletters', cookie);
    expect(session.page.statusCode).toBe(200);
    expect(session.page.body).toContain('Nyt om løn');
    expect(session.page.body).not.toContain('Gammelt emne');
    expect(session.page.body).toMatch(new RegExp(`value="${w.topics.pay}" checked`));
    expect(session.page.body).not.toMatch(new RegExp(`value="${w.topics.optIn}" checked`));

    // Ticked: the leaders' letter and the opt-in one; not ticked: pay (opted out).
    const shown = [w.topics.pay, w.topics.leaders, w.topics.optIn];
    const body = new URLSearchParams({ _csrf: session.csrf });
    for (const id of shown) body.append('shown', id);
    body.append('subscribed', w.topics.leaders);
    body.append('subscribed', w.topics.optIn);
    const res = await t.app.inject({ method: 'POST', url: '/me/newsletters', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/me/newsletters');
    expect(await subscriptionRows(p.id)).toEqual(
      [
        { topicId: w.topics.pay, subscribed: false, source: 'me' },
        { topicId: w.topics.optIn, subscribed: true, source: 'me' },
      ].sort((a, b) => a.topicId.localeCompare(b.topicId)),
    );
    const audits = await t.database.executeSql(`select count(*)::int as n from audit_events where entity_type = 'newsletter_subscription' and actor_person_id = $1`, [p.id]);
    expect(audits.rows[0]).toEqual({ n: 2 });
    const after = await t.app.inject({ url: '/me/newsletters', headers: { cookie: session.cookie } });
    expect(after.body).not.toMatch(new RegExp(`value="${w.topics.pay}" checked`));
  });

  it('is for a logged-in person: anyone else is sent to log in', async () => {
    const res = await t.app.inject({ url: '/me/newsletters' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});

describe('one-click unsubscribe', () => {
  it('GET shows a button and changes nothing', async () => {
    const p = await member(w);
    const token = await unsubscribeToken(t.database.db, p.id, w.topics.pay);
    const res = await t.app.inject({ url: `/unsubscribe/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Afmeld »Nyt om løn«');
    expect(res.body).toContain(`action="/unsubscribe/${token}"`);
    expect(res.body).toContain('href="/me/newsletters"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await subscriptionRows(p.id)).toEqual([]);
  });

  it('takes the RFC 8058 POST without cookie or CSRF token, and again without harm', async () => {
    const p = await member(w);
    const token = await unsubscribeToken(t.database.db, p.id, w.topics.pay);
    const post = () => t.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Du er afmeldt');
    expect(await subscriptionRows(p.id)).toEqual([{ topicId: w.topics.pay, subscribed: false, source: 'unsubscribe_link' }]);
    const second = await post();
    expect(second.statusCode).toBe(200);
    expect(await subscriptionRows(p.id)).toEqual([{ topicId: w.topics.pay, subscribed: false, source: 'unsubscribe_link' }]);
    const audits = await t.database.executeSql(`select count(*)::int as n from audit_events where entity_type = 'newsletter_subscription' and entity_id = $1`, [`${p.id}:${w.topics.pay}`]);
    expect(audits.rows[0]).toEqual({ n: 1 });
    // Now the page says so instead of offering the button.
    expect((await t.app.inject({ url: `/unsubscribe/${token}` })).body).toContain('Du er allerede afmeldt');
  });

  it('takes the page’s own button too, in the person’s language', async () => {
    const p = await member(w, { locale: 'sv' });
    const token = await unsubscribeToken(t.database.db, p.id, w.topics.pay);
    const page = await t.app.inject({ url: `/unsubscribe/${token}` });
    expect(page.body).toContain('<html lang="sv"');
    expect(page.body).toContain('Avregistrera ”Nytt om lön”');
    const res = await t.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Du är avregistrerad');
  });

  it('answers a forged, truncated or other-purpose token with 404 and changes nothing', async () => {
    const p = await member(w);
    const token = await unsubscribeToken(t.database.db, p.id, w.topics.pay);
    const [payload, mac] = token.split('.');
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const invitation = await invitationToken(t.database.db, p.id, w.topics.pay);
    for (const bad of [flipped, payload, `${token}x`, invitation, 'abc']) {
      const get = await t.app.inject({ url: `/unsubscribe/${bad}` });
      expect(get.statusCode, bad).toBe(404);
      const post = await t.app.inject({ method: 'POST', url: `/unsubscribe/${bad}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(post.statusCode, bad).toBe(404);
    }
    expect(await subscriptionRows(p.id)).toEqual([]);
  });

  it('keeps the CSRF check on every other form', async () => {
    const p = await member(w);
    const { cookie } = await loginAs(t.database, p.id);
    const res = await t.app.inject({ method: 'POST', url: '/me/newsletters', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `shown=${w.topics.pay}` });
    expect(res.statusCode).toBe(403);
    const session = await formSession(t.app, '/me/newsletters', cookie);
    expect((await postForm(t.app, '/me/newsletters', session, { shown: w.topics.pay })).statusCode).toBe(303);
  });
});
