import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/**
 * The assemblies' part of a person's data export: the assemblies whose roll they were on and what
 * they did there (present, proxies, speaking, written-ballot requests, the polls they voted in —
 * what they voted only where the poll was named; a secret ballot is not theirs to export, because
 * nothing links it to them), their motions, co-signatures, amendments and candidacies, their terms
 * on a board, and the offices they held at an assembly (chair, minute taker, who called it or a poll).
 */
export const assembliesPersonalData: PersonalDataPart[] = [
  listPart(
    'generalAssemblies',
    ['assembly_roll', 'assembly_attendance', 'assembly_proxies', 'speakers', 'written_ballot_requests'],
    (personId) => sql`select coalesce(json_agg(json_build_object(
        'assembly', a.title, 'startsAt', a.starts_at, 'onRoll', true,
        'present', exists (select 1 from assembly_attendance at where at.assembly_id = a.id and at.person_id = ${personId}),
        'proxyGivenTo', (select h.first_name || ' ' || h.last_name from assembly_proxies x join persons h on h.id = x.holder_person_id where x.assembly_id = a.id and x.giver_person_id = ${personId}),
        'proxiesHeldFor', (select coalesce(json_agg(g.first_name || ' ' || g.last_name), '[]'::json) from assembly_proxies x join persons g on g.id = x.giver_person_id where x.assembly_id = a.id and x.holder_person_id = ${personId}),
        'askedToSpeak', (select count(*)::int from speakers s join agenda_items i on i.id = s.item_id where i.assembly_id = a.id and s.person_id = ${personId}),
        'askedForWrittenBallot', (select count(*)::int from written_ballot_requests w join polls p on p.id = w.poll_id where p.assembly_id = a.id and w.person_id = ${personId})
      ) order by a.starts_at), '[]'::json) as data
      from assembly_roll r join assemblies a on a.id = r.assembly_id where r.person_id = ${personId}`,
  ),
  listPart(
    'assemblyVotes',
    ['poll_voters', 'named_ballots'],
    (personId) => sql`select coalesce(json_agg(json_build_object(
        'poll', p.title, 'mode', p.mode,
        'castBy', case when v.cast_by_person_id is distinct from v.person_id then 'proxy' else 'self' end,
        'choices', case when p.mode = 'named' then (select nb.choices from named_ballots nb where nb.poll_id = p.id and nb.person_id = ${personId}) end
      ) order by p.created_at), '[]'::json) as data
      from poll_voters v join polls p on p.id = v.poll_id where v.person_id = ${personId} or v.cast_by_person_id = ${personId}`,
  ),
  listPart(
    'assemblyMotions',
    ['motions', 'motion_cosigners', 'amendments'],
    (personId) => sql`select json_build_object(
        'submitted', (select coalesce(json_agg(json_build_object('number', m.number, 'title', m.title, 'body', m.body, 'reasoning', m.reasoning, 'state', m.state, 'refusalReason', m.refusal_reason, 'submittedAt', m.submitted_at) order by m.submitted_at), '[]'::json) from motions m where m.submitted_by = ${personId}),
        'cosigned', (select coalesce(json_agg(json_build_object('title', m.title, 'confirmedAt', c.confirmed_at)), '[]'::json) from motion_cosigners c join motions m on m.id = c.motion_id where c.person_id = ${personId}),
        'amendments', (select coalesce(json_agg(json_build_object('motion', m.title, 'fromLine', x.from_line, 'toLine', x.to_line, 'replacement', x.replacement, 'state', x.state)), '[]'::json) from amendments x join motions m on m.id = x.motion_id where x.submitted_by = ${personId})
      ) as data`,
  ),
  listPart(
    'boardElectionsAndTerms',
    ['candidates', 'body_terms'],
    (personId) => sql`select json_build_object(
        'candidacies', (select coalesce(json_agg(json_build_object('election', e.title, 'presentation', c.presentation, 'accepted', c.accepted_at is not null, 'votes', c.votes, 'outcome', c.outcome)), '[]'::json)
          from candidates c join elections e on e.id = c.election_id where c.person_id = ${personId} or c.nominated_by = ${personId}),
        'terms', (select coalesce(json_agg(json_build_object('body', b.name, 'seatKind', t.seat_kind, 'title', t.title, 'startsOn', t.starts_on, 'endsOn', t.ends_on) order by t.starts_on), '[]'::json)
          from body_terms t join bodies b on b.id = t.body_id where t.person_id = ${personId})
      ) as data`,
  ),
  listPart(
    'assemblyOffices',
    ['assemblies', 'polls'],
    (personId) => sql`select coalesce(json_agg(json_build_object('assembly', a.title, 'startsAt', a.starts_at,
        'as', case when a.chair_person_id = ${personId} then 'chair' when a.minute_taker_person_id = ${personId} then 'minute_taker' else 'called' end) order by a.starts_at), '[]'::json) as data
      from assemblies a where a.chair_person_id = ${personId} or a.minute_taker_person_id = ${personId} or a.created_by = ${personId}
        or exists (select 1 from polls p where p.assembly_id = a.id and p.created_by = ${personId})`,
  ),
];
