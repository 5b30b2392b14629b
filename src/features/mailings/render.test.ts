import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { linkKey, verifyLink } from './link-tokens.js';
import { insertMailing, linkCtx, mailingWorld, recipient, type MailingWorld } from './mailings.fixture.js';
import { prepareMailing } from './render.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});
afterAll(async () => database.close());

const three = {
  da: { subject: 'Nyt om løn, {{firstName}}', body: '# Overenskomst\n\nKære {{fullName}}, se [siden](https://example.org/loen).\n\n- punkt et\n- punkt to' },
  sv: { subject: 'Nytt om lön, {{firstName}}', body: '# Avtal\n\nHej {{firstName}} {{lastName}}.' },
  en: { subject: 'Pay news, {{firstName}}', body: '# Agreement\n\nDear {{fullName}}, member {{memberNumber}}.' },
};

describe('rendering a newsletter', () => {
  it('renders HTML and text in each recipient language, with the footer in that language', async () => {
    const id = await insertMailing(w, { contents: three });
    const prepared = await prepareMailing(database.db, id, linkCtx);
    const da = prepared.render(recipient({ locale: 'da' }));
    expect(da.subject).toBe('Nyt om løn, Karen');
    expect(da.html).toContain('<html lang="da"');
    expect(da.html).toContain('Kære Karen Holm');
    expect(da.html).toMatch(/<h1 style="[^"]*">Overenskomst<\/h1>/);
    expect(da.html).toContain('max-width:600px');
    expect(da.html).toContain('>Forening</td>');
    expect(da.html).toContain('abonnerer på nyhedsbrevet »Nyt om løn«');
    expect(da.text).toContain('Kære Karen Holm, se siden (https://example.org/loen).');
    expect(da.text).toContain('- punkt et');
    expect(da.text).not.toContain('#');
    expect(da.text).toMatch(/Afmeld »Nyt om løn«: http:\/\/forening\.test\/unsubscribe\/\S+/);

    const sv = prepared.render(recipient({ locale: 'sv' }));
    expect(sv.subject).toBe('Nytt om lön, Karen');
    expect(sv.html).toContain('<html lang="sv"');
    expect(sv.html).toContain('Hej Karen Holm.');
    expect(sv.html).toContain('prenumererar på nyhetsbrevet ”Nytt om lön”');
    expect(sv.text).toContain('Avregistrera dig från ”Nytt om lön”');

    const en = prepared.render(recipient({ locale: 'en' }));
    expect(en.html).toContain('<html lang="en"');
    expect(en.html).toContain('Dear Karen Holm, member 100123.');
    expect(en.html).toContain('subscribe to the newsletter “Pay news”');
    expect(en.text).toContain('Unsubscribe from “Pay news”');
  });

  it('falls back to the default version for a language without one; the footer stays in the reader’s language', async () => {
    const id = await insertMailing(w, { contents: { da: three.da } });
    const prepared = await prepareMailing(database.db, id, linkCtx);
    const sv = prepared.render(recipient({ locale: 'sv' }));
    expect(sv.subject).toBe('Nyt om løn, Karen');
    expect(sv.html).toContain('<html lang="da"');
    expect(sv.html).toContain('lang="sv"');
    expect(sv.html).toContain('Kære Karen Holm');
    expect(sv.html).toContain('prenumererar på nyhetsbrevet');
  });

  it('fills the merge fields by their Danish and Swedish names too, in any case', async () => {
    const id = await insertMailing(w, {
      contents: {
        da: { subject: 'Hej {{Fornavn}} {{EFTERNAVN}}', body: 'Kære {{navn}} ({{medlemsnummer}}, {{ emailadresse }}) [afmeld]({{afmeldingslink}})' },
        sv: { subject: 'Hej {{förnamn}} {{Efternamn}}', body: 'Hej {{NAMN}} ({{Medlemsnummer}}, {{epost}}) [avregistrera]({{avregistreringslänk}})' },
      },
    });
    const prepared = await prepareMailing(database.db, id, linkCtx);
    const da = prepared.render(recipient({ locale: 'da' }));
    expect(da.subject).toBe('Hej Karen Holm');
    expect(da.text).toMatch(/^Kære Karen Holm \(100123, karen\.holm@example\.org\) afmeld \(http:\/\/forening\.test\/unsubscribe\/\S+\)/);
    expect(da.html).not.toContain('{{');
    const sv = prepared.render(recipient({ locale: 'sv' }));
    expect(sv.subject).toBe('Hej Karen Holm');
    expect(sv.text).toMatch(/^Hej Karen Holm \(100123, karen\.holm@example\.org\) avregistrera \(http:\/\/forening\.test\/unsubscribe\/\S+\)/);
    expect(sv.html).toContain('href="http://forening.test/unsubscribe/');
    expect(sv.html).not.toContain('{{');
  });

  it('escapes merge values in HTML and keeps them plain in text and subject', async () => {
    const id = await insertMailing(w, { contents: { da: { subject: 'Til {{firstName}}', body: 'Hej **{{firstName}}** ({{email}})' } } });
    const prepared = await prepareMailing(database.db, id, linkCtx);
    const m = prepared.render(recipient({ firstName: '<b>Ø&"', email: 'a&b@example.org' }));
    expect(m.html).toContain('<strong>&lt;b>Ø&amp;&#34;</strong>');
    expect(m.html).not.toContain('<b>Ø');
    expect(m.html).toContain('a&amp;b@example.org');
    expect(m.text).toContain('Hej <b>Ø&" (a&b@example.org)');
    expect(m.subject).toBe('Til <b>Ø&"');
  });

  it('does not read Markdown in merge values, and a value cannot break the subject line', async () => {
    const id = await insertMailing(w, { contents: { da: { subject: '{{lastName}}', body: '{{firstName}}' } } });
    const m = (await prepareMailing(database.db, id, linkCtx)).render(recipient({ firstName: '*fed* [x](javascript:alert(1))', lastName: 'A\r\nBcc: x@example.org' }));
    expect(m.html).toContain('*fed* [x](javascript:alert(1))');
    expect(m.html).not.toContain('<em>');
    expect(m.subject).toBe('A Bcc: x@example.org');
  });

  it('carries List-Unsubscribe headers whose token identifies the person and topic', async () => {
    const id = await insertMailing(w, { contents: { da: { subject: 'S', body: 'B [afmeld her]({{unsubscribeLink}})' } } });
    const personId = '11111111-2222-4333-8444-555555555555';
    const m = (await prepareMailing(database.db, id, linkCtx)).render(recipient({ personId }));
    expect(m.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(http:\/\/forening\.test\/unsubscribe\/(\S+))>$/.exec(m.headers['List-Unsubscribe']);
    expect(url).not.toBeNull();
    expect(verifyLink(await linkKey(database.db), 'unsubscribe', url![2])).toEqual([personId, w.topics.pay]);
    // The body's own link is the same personal link.
    expect(m.html).toContain(`href="${url![1]}"`);
    expect(m.text).toContain(`afmeld her (${url![1]})`);
  });
});

describe('rendering service mail and invitations', () => {
  it('service mail has no unsubscribe link or headers', async () => {
    const id = await insertMailing(w, { kind: 'service', contents: { da: { subject: 'Indkaldelse', body: 'Hej {{firstName}}' } } });
    const m = (await prepareMailing(database.db, id, linkCtx)).render(recipient());
    expect(m.headers).toEqual({});
    expect(m.html).not.toContain('/unsubscribe/');
    expect(m.text).not.toContain('/unsubscribe/');
    expect(m.html).toContain('servicemeddelelse');
  });

  it('an invitation carries the personal register link, the event and a button', async () => {
    const id = await insertMailing(w, { kind: 'service', eventId: w.eventId, contents: { da: { subject: 'Kom til møde', body: 'Tilmeld dig her: {{registerLink}}' } } });
    const personId = '11111111-2222-4333-8444-666666666666';
    const m = (await prepareMailing(database.db, id, linkCtx)).render(recipient({ personId }));
    const link = /http:\/\/forening\.test\/invitations\/([A-Za-z0-9_.-]+)/.exec(m.html);
    expect(link).not.toBeNull();
    expect(verifyLink(await linkKey(database.db), 'invitation', link![1])).toEqual([id, personId]);
    expect(m.html).toContain('Tilmeld mig</a>');
    expect(m.html).toContain('Medlemsmøde om løn');
    expect(m.html).toContain('Nørregade 1, 8000 Aarhus C');
    expect(m.text).toContain(`Tilmeld mig: ${link![0]}`);
    expect(m.text).toContain(`Tilmeld dig her: ${link![0]}`);
    const en = (await prepareMailing(database.db, id, linkCtx)).render(recipient({ personId, locale: 'en' }));
    expect(en.html).toContain('Register me</a>');
  });

  it('fills the register link by its Danish and Swedish names', async () => {
    const id = await insertMailing(w, {
      kind: 'service',
      eventId: w.eventId,
      contents: { da: { subject: 'Kom, {{FORNAVN}}', body: 'Tilmeld: {{Tilmeldingslink}}' }, sv: { subject: 'Kom, {{Förnamn}}', body: 'Anmäl: {{anmälningslänk}}' } },
    });
    const prepared = await prepareMailing(database.db, id, linkCtx);
    const da = prepared.render(recipient({ locale: 'da' }));
    expect(da.subject).toBe('Kom, Karen');
    expect(da.text).toMatch(/^Tilmeld: http:\/\/forening\.test\/invitations\/\S+/);
    const sv = prepared.render(recipient({ locale: 'sv' }));
    expect(sv.subject).toBe('Kom, Karen');
    expect(sv.text).toMatch(/^Anmäl: http:\/\/forening\.test\/invitations\/\S+/);
  });
});
