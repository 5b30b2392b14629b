import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { system } from '../../platform/actor.js';
import type { DemoContext } from '../../kernel/feature.js';
import { loadSegmentFor, segmentPersonIdsSql } from '../segments/index.js';
import { mailingContents, mailings, newsletterTopics } from './tables.js';

const DAY = 86_400_000;

const letter = {
  da: {
    subject: 'Nyt om løn: sådan rammer den nye overenskomst dig, {{firstName}}',
    body: [
      '# Den nye overenskomst er på plads',
      '',
      'Kære {{firstName}}',
      '',
      'Forhandlingerne er slut, og resultatet er sendt til urafstemning. Her er det vigtigste for dig som tillidsrepræsentant:',
      '',
      '- Lønnen stiger med 8,8 % over tre år.',
      '- Pensionen stiger med 0,5 procentpoint fra 1. april.',
      '- Retten til seniordage udvides fra 58 år.',
      '',
      'Læs hele resultatet og se, hvordan du forklarer det på din arbejdsplads, på [vores side om overenskomsten](https://omsorgsforbundet.example/ok).',
      '',
      'Venlig hilsen  ',
      'Forhandlingsudvalget',
    ].join('\n'),
  },
  sv: {
    subject: 'Nytt om lön: så påverkar det nya avtalet dig, {{firstName}}',
    body: ['# Det nya avtalet är klart', '', 'Hej {{firstName}}', '', 'Förhandlingarna är avslutade. Lönerna höjs med 8,8 % över tre år och pensionen med 0,5 procentenheter.', '', 'Vänliga hälsningar  ', 'Förhandlingsutskottet'].join('\n'),
  },
  en: {
    subject: 'Pay news: what the new collective agreement means for you, {{firstName}}',
    body: [
      '# The new collective agreement is in place',
      '',
      'Dear {{firstName}}',
      '',
      'The negotiations are over and the result has gone to a ballot. The main points for you as a steward:',
      '',
      '- Pay rises by 8.8 % over three years.',
      '- Pension contributions rise by 0.5 percentage points from 1 April.',
      '- The right to senior days starts at 58.',
      '',
      'Best regards  ',
      'The negotiating committee',
    ].join('\n'),
  },
};

const invitation = {
  da: {
    subject: 'Invitation: netværksmøde for ledere, {{firstName}}',
    body: [
      'Kære {{firstName}}',
      '',
      'Kredsen inviterer alle ledere til netværksmøde sammen med tillids- og arbejdsmiljørepræsentanter. Vi taler om rekruttering og fastholdelse, og der er tid til sparring med kolleger fra andre arbejdspladser.',
      '',
      'Tilmeld dig med ét klik på knappen herunder – du skal ikke logge ind.',
      '',
      'Venlig hilsen  ',
      'Kreds Nord',
    ].join('\n'),
  },
  sv: {
    subject: 'Inbjudan: nätverksträff för chefer, {{firstName}}',
    body: [
      'Hej {{firstName}}',
      '',
      'Kretsen bjuder in alla chefer till en nätverksträff tillsammans med förtroendevalda och skyddsombud. Vi pratar om rekrytering och om att behålla medarbetare, och det finns tid att utbyta erfarenheter med kollegor från andra arbetsplatser.',
      '',
      'Anmäl dig med ett klick på knappen nedan – du behöver inte logga in.',
      '',
      'Vänliga hälsningar  ',
      'Kreds Nord',
    ].join('\n'),
  },
  en: {
    subject: 'Invitation: network meeting for leaders, {{firstName}}',
    body: [
      'Dear {{firstName}}',
      '',
      'The district invites all leaders to a network meeting together with stewards and safety representatives. We will talk about recruiting and keeping staff, and there is time to compare notes with colleagues from other workplaces.',
      '',
      'Register with one click on the button below – you do not need to log in.',
      '',
      'Best regards  ',
      'Kreds Nord',
    ].join('\n'),
  },
};

/**
 * Newsletter topics and two mailings for the demo: a newsletter that has gone out (its recipients
 * frozen from the stewards' segment, all sent) and a draft invitation for the leaders of Kreds Nord
 * to the network meeting, ready to preview and send.
 */
export async function seedDemoMailings(tx: Db, demo: DemoContext): Promise<void> {
  const ctx = { createdBy: demo.staff[0]?.id ?? null };
  const [pay] = await tx
    .insert(newsletterTopics)
    .values([
      {
        slug: 'nyt-om-loen-og-overenskomst',
        name: { da: 'Nyt om løn og overenskomst', sv: 'Nytt om lön och avtal', en: 'Pay and collective agreement news' },
        description: { da: 'Forhandlinger, lønstigninger og dine rettigheder.', sv: 'Förhandlingar, löneökningar och dina rättigheter.', en: 'Negotiations, pay rises and your rights.' },
        position: 1,
      },
      {
        slug: 'lederbrevet',
        name: { da: 'Lederbrevet', sv: 'Chefsbrevet', en: 'The leaders’ letter' },
        description: { da: 'Til ledere: ledelse, jura og netværk.', sv: 'För chefer: ledarskap, juridik och nätverk.', en: 'For leaders: management, law and networks.' },
        defaultSubscribed: false,
        position: 2,
      },
      {
        slug: 'arbejdsmiljoe',
        name: { da: 'Arbejdsmiljø', sv: 'Arbetsmiljö', en: 'Work environment' },
        description: { da: 'Nyt om arbejdsmiljø, stress og sikkerhed.', sv: 'Nytt om arbetsmiljö, stress och säkerhet.', en: 'News on work environment, stress and safety.' },
        position: 3,
      },
    ])
    .returning({ id: newsletterTopics.id });

  const segmentMade = async (key: string) => {
    const id = demo.made.get(key);
    const found = id ? await loadSegmentFor(tx, system, id, 'use') : null;
    return found?.ok ? found.segment : undefined;
  };
  const stewards = await segmentMade('segments.stewards');
  const leadersNorth = await segmentMade('segments.leaders_nord');

  if (stewards) {
    const sentAt = new Date(Date.now() - 12 * DAY);
    const [m] = await tx
      .insert(mailings)
      .values({
        unitId: stewards.unitId,
        segmentId: stewards.id,
        kind: 'newsletter',
        topicId: pay.id,
        defaultLocale: 'da',
        status: 'sent',
        createdBy: ctx.createdBy,
        sentBy: ctx.createdBy,
        createdAt: new Date(sentAt.getTime() - DAY),
        frozenAt: sentAt,
        finishedAt: new Date(sentAt.getTime() + 90_000),
      })
      .returning({ id: mailings.id });
    await tx.insert(mailingContents).values([
      { mailingId: m.id, locale: 'da', ...letter.da },
      { mailingId: m.id, locale: 'sv', ...letter.sv },
      { mailingId: m.id, locale: 'en', ...letter.en },
    ]);
    // Frozen as the freeze does it: one row per person with an address, all delivered.
    await tx.execute(sql`
      insert into mailing_recipients (mailing_id, person_id, email, locale, status, attempts, sent_at, message_id)
      select ${m.id}::uuid, p.id, p.email, coalesce(p.preferred_locale, 'da'), 'sent', 1, ${sentAt}::timestamptz + interval '1 minute', '<demo-' || p.id || '@omsorgsforbundet.example>'
      from (${segmentPersonIdsSql({ unitId: stewards.unitId, filter: stewards.filter })}) s
      join persons p on p.id = s.person_id
      where p.email is not null`);
    await tx.execute(sql`update mailings set recipient_count = (select count(*) from mailing_recipients where mailing_id = ${m.id}) where id = ${m.id}`);
  }

  const networkId = demo.made.get('events.network_meeting');
  if (leadersNorth && networkId) {
    const [m] = await tx
      .insert(mailings)
      .values({
        unitId: leadersNorth.unitId,
        segmentId: leadersNorth.id,
        kind: 'service',
        serviceReason: 'Invitation til et møde for ledere i kredsen',
        eventId: networkId,
        defaultLocale: 'da',
        createdBy: ctx.createdBy,
      })
      .returning({ id: mailings.id });
    await tx.insert(mailingContents).values([
      { mailingId: m.id, locale: 'da', ...invitation.da },
      { mailingId: m.id, locale: 'sv', ...invitation.sv },
      { mailingId: m.id, locale: 'en', ...invitation.en },
    ]);
  }
}
