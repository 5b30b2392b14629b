import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import type { AssemblyView } from '../queries.js';
import { agendaItemKindLabel, assemblyKindLabel, assemblyStatusLabel, electionStatusLabel, majorityLabel, minutesVisibilityLabel } from '../labels.js';
import { agendaItemKinds } from '../tables.js';

export interface AssemblyAbilities {
  manage: boolean;
  viewRoll: boolean;
  run: boolean;
  participate: boolean;
  takeMinutes: boolean;
  readMinutes: boolean;
}

const percent = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);

/** What the rules of the assembly say, in words. */
function Rules({ view, a }: { view: View; a: AssemblyView }): JSX.Element {
  const { t } = view;
  const r = a.rules;
  return (
    <section class="card" aria-labelledby="rules">
      <h2 id="rules" safe>
        {t('assembly_page.rules')}
      </h2>
      <dl class="facts">
        <dt safe>{t('fields.noticeDays')}</dt>
        <dd safe>{String(r.noticeDays)}</dd>
        <dt safe>{t('fields.majority')}</dt>
        <dd safe>{t(majorityLabel[r.majority])}</dd>
        <dt safe>{t('fields.statuteMajority')}</dt>
        <dd safe>{t(majorityLabel[r.statuteMajority])}</dd>
        <dt safe>{t('fields.blankVotesCount')}</dt>
        <dd safe>{r.blankVotesCount ? t('assembly_page.yes') : t('assembly_page.no')}</dd>
        <dt safe>{t('fields.quorum')}</dt>
        <dd safe>{percent(r.quorum) ?? t('assembly_page.no_quorum')}</dd>
        <dt safe>{t('fields.statuteQuorum')}</dt>
        <dd safe>{percent(r.statuteQuorum) ?? t('assembly_page.no_quorum')}</dd>
        <dt safe>{t('fields.proxiesAllowed')}</dt>
        <dd safe>{r.proxiesAllowed ? t('assembly_page.proxies_per_holder', { n: r.proxiesPerHolder }) : t('assembly_page.no')}</dd>
      </dl>
    </section>
  );
}

/** One agenda item's controls for staff before the assembly: move up or down, remove. */
function ItemControls({ view, a, index }: { view: View; a: AssemblyView; index: number }): JSX.Element {
  const { t } = view;
  const item = a.agenda[index];
  const move = (to: number, label: string) => (
    <form method="post" action={`/assemblies/${a.id}/agenda/${item.id}/move`} class="inline-form">
      <Csrf view={view} />
      <input type="hidden" name="position" value={String(to)} />
      <button type="submit" class="button button-secondary button-small" aria-label={`${label}: ${item.title}`} safe>
        {label}
      </button>
    </form>
  );
  return (
    <span class="item-controls">
      {index > 0 ? move(item.position - 1, t('assembly_page.move_up')) : ''}
      {index < a.agenda.length - 1 ? move(item.position + 1, t('assembly_page.move_down')) : ''}
      <form method="post" action={`/assemblies/${a.id}/agenda/${item.id}/remove`} class="inline-form">
        <Csrf view={view} />
        <button type="submit" class="button button-secondary button-small" aria-label={`${t('assembly_page.remove')}: ${item.title}`} safe>
          {t('assembly_page.remove')}
        </button>
      </form>
    </span>
  );
}

/** The agenda; staff shape it until the assembly meets (add, move, remove, merge). */
function Agenda({ view, a, editable, form }: { view: View; a: AssemblyView; editable: boolean; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const items = a.agenda.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }));
  return (
    <section class="card" aria-labelledby="agenda">
      <h2 id="agenda" safe>
        {t('assembly_page.agenda')}
      </h2>
      <ol class="agenda">
        {a.agenda.map((item, index) => (
          <li>
            <span safe>{item.title}</span> <span class="hint" safe>{`(${t(agendaItemKindLabel[item.kind])})`}</span>
            {item.id === a.currentItemId ? (
              <>
                {' '}
                <Badge kind="success">
                  <span safe>{t('assembly_page.current_item')}</span>
                </Badge>
              </>
            ) : (
              ''
            )}
            {editable ? <ItemControls view={view} a={a} index={index} /> : ''}
          </li>
        ))}
      </ol>
      {editable ? (
        <>
          <form method="post" action={`/assemblies/${a.id}/agenda`} class="form" novalidate>
            <h3 safe>{t('assembly_page.add_item')}</h3>
            <Csrf view={view} />
            <div class="field-row">
              <SelectField prefix="add" name="kind" label={t('fields.kind')} value={v.kind ?? 'discussion'} options={agendaItemKinds.map((k) => ({ value: k, label: t(agendaItemKindLabel[k]) }))} errors={form.errors} />
              <TextField prefix="add" name="title" label={t('fields.title')} value={v.title} errors={form.errors} maxlength={200} required />
            </div>
            <button type="submit" class="button button-secondary" safe>
              {t('assembly_page.add_item')}
            </button>
          </form>
          {a.agenda.length > 1 ? (
            <form method="post" action={`/assemblies/${a.id}/agenda/merge`} class="form" novalidate>
              <h3 safe>{t('assembly_page.merge_items')}</h3>
              <Csrf view={view} />
              <div class="field-row">
                <SelectField prefix="merge" name="into" label={t('fields.into')} value={v.into} options={items} errors={form.errors} />
                <SelectField prefix="merge" name="from" label={t('fields.from')} value={v.from} options={items} errors={form.errors} />
              </div>
              <TextField prefix="merge" name="title" label={t('assembly_page.merged_title')} value={v.mergedTitle} errors={[]} maxlength={200} />
              <button type="submit" class="button button-secondary" safe>
                {t('assembly_page.merge_items')}
              </button>
            </form>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </section>
  );
}

export interface AssemblyElections {
  items: { id: string; title: string; itemId: string; status: 'nominating' | 'polling' | 'decided' }[];
  /** The unit's bodies an election may fill, for the form (chair and staff only). */
  bodies: { id: string; name: string; vacancies: number }[];
  mayCreate: boolean;
}

/** The assembly's elections, and for the chair and staff a form to hold one on an election item. */
function Elections({ view, a, elections, form }: { view: View; a: AssemblyView; elections: AssemblyElections; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const electionItems = a.agenda.filter((i) => i.kind === 'election');
  if (electionItems.length === 0 && elections.items.length === 0) return '';
  return (
    <section class="card" aria-labelledby="elections">
      <h2 id="elections" safe>
        {t('assembly_page.elections')}
      </h2>
      {elections.items.length > 0 ? (
        <ul class="link-list">
          {elections.items.map((e) => (
            <li>
              <a href={`/elections/${e.id}`} safe>
                {e.title}
              </a>{' '}
              <span class="hint" safe>{`(${t(electionStatusLabel[e.status])})`}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint" safe>
          {t('assembly_page.no_elections')}
        </p>
      )}
      <p>
        <a href={`/units/${a.unitId}/board`} safe>
          {t('assembly_page.link_board', { unit: a.unitName })}
        </a>
      </p>
      {elections.mayCreate && elections.bodies.length > 0 && electionItems.length > 0 ? (
        <form method="post" action={`/assemblies/${a.id}/elections`} class="form" novalidate>
          <h3 safe>{t('assembly_page.create_election')}</h3>
          <Csrf view={view} />
          <div class="field-row">
            <SelectField prefix="election" name="itemId" label={t('assembly_page.election_item')} value={v.itemId} options={electionItems.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))} errors={form.errors} />
            <SelectField prefix="election" name="bodyId" label={t('fields.bodyId')} value={v.bodyId} options={elections.bodies.map((b) => ({ value: b.id, label: t('assembly_page.body_vacancies', { name: b.name, n: b.vacancies }) }))} errors={form.errors} />
          </div>
          <div class="field-row">
            <TextField prefix="election" name="seats" type="number" inputmode="numeric" label={t('fields.seats')} hint={t('assembly_page.seats_hint')} value={v.seats} errors={form.errors} />
            <TextField prefix="election" name="termEndsOn" type="date" label={t('fields.termEndsOn')} hint={t('assembly_page.term_hint')} value={v.termEndsOn} errors={form.errors} />
          </div>
          <button type="submit" class="button button-secondary" safe>
            {t('assembly_page.create_election')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

/** One assembly: the facts, what the reader may do next, the agenda and the rules it was called under. */
export function AssemblyDetailPage({ view, a, can, form, elections }: { view: View; a: AssemblyView; can: AssemblyAbilities; form: FormState; elections: AssemblyElections }): JSX.Element {
  const { t, locale } = view;
  const editable = can.manage && (a.status === 'draft' || a.status === 'notice_sent');
  const links: { href: string; label: string }[] = [];
  if (a.status !== 'draft') links.push({ href: `/assemblies/${a.id}/motions`, label: t('assembly_page.link_motions') });
  if (can.participate && a.status === 'in_session') links.push({ href: `/assemblies/${a.id}/hall`, label: t('assembly_page.link_hall') });
  if (can.run) links.push({ href: `/assemblies/${a.id}/console`, label: t('assembly_page.link_console') });
  if (a.status === 'in_session' || a.status === 'notice_sent') links.push({ href: `/assemblies/${a.id}/projector`, label: t('assembly_page.link_projector') });
  if (can.takeMinutes || can.readMinutes) links.push({ href: `/assemblies/${a.id}/minutes`, label: t('assembly_page.link_minutes') });
  if (can.viewRoll) links.push({ href: `/assemblies/${a.id}/roll`, label: t('assembly_page.link_roll', { n: a.rollSize }) });
  return (
    <Layout view={view} title={a.title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/assemblies" safe>
          {t('assembly_page.list_title')}
        </a>
      </nav>
      <PageHeader title={a.title} lead={`${a.unitName} · ${t(assemblyKindLabel[a.kind])}`} />
      <ErrorSummary view={view} errors={form.errors} />
      <section class="card" aria-labelledby="facts">
        <h2 id="facts" class="visually-hidden" safe>
          {t('assembly_page.facts')}
        </h2>
        <p>
          <Badge kind={a.status === 'in_session' ? 'success' : a.status === 'cancelled' ? 'danger' : 'info'}>
            <span safe>{t(assemblyStatusLabel[a.status])}</span>
          </Badge>
        </p>
        <dl class="facts">
          <dt safe>{t('assembly_page.when')}</dt>
          <dd safe>{formatDateTime(locale, a.startsAt, a.timeZone)}</dd>
          <dt safe>{t('fields.place')}</dt>
          <dd safe>{a.place ?? '–'}</dd>
          <dt safe>{t('fields.motionDeadline')}</dt>
          <dd safe>{formatDateTime(locale, a.motionDeadline, a.timeZone)}</dd>
          <dt safe>{t('assembly_page.cutoff')}</dt>
          <dd safe>{formatDate(locale, `${a.rollCutoffOn}T12:00:00Z`, a.timeZone)}</dd>
          <dt safe>{t('assembly_page.roll_size')}</dt>
          <dd safe>{a.rollFrozenAt ? String(a.rollSize) : t('assembly_page.roll_not_taken')}</dd>
          {a.status === 'in_session' ? (
            <>
              <dt safe>{t('assembly_page.present')}</dt>
              <dd safe>{String(a.present)}</dd>
            </>
          ) : (
            ''
          )}
          <dt safe>{t('fields.chairPersonId')}</dt>
          <dd safe>{a.chairName ?? '–'}</dd>
          <dt safe>{t('fields.minuteTakerPersonId')}</dt>
          <dd safe>{a.minuteTakerName ?? '–'}</dd>
          <dt safe>{t('fields.minutesVisibility')}</dt>
          <dd safe>{t(minutesVisibilityLabel[a.minutesVisibility])}</dd>
        </dl>
        {links.length > 0 ? (
          <ul class="link-list">
            {links.map((l) => (
              <li>
                <a href={l.href} safe>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
        {can.manage && a.status === 'draft' ? (
          <form method="post" action={`/assemblies/${a.id}/notice`} class="form">
            <Csrf view={view} />
            <p class="hint" safe>
              {t('assembly_page.notice_hint', { days: a.rules.noticeDays })}
            </p>
            <button type="submit" class="button" safe>
              {t('assembly_page.send_notice')}
            </button>
          </form>
        ) : (
          ''
        )}
        {can.manage && !a.motionsPackSent && (a.status === 'notice_sent' || a.status === 'in_session') ? (
          <form method="post" action={`/assemblies/${a.id}/motions-pack`} class="form">
            <Csrf view={view} />
            <p class="hint" safe>
              {t('assembly_page.pack_hint')}
            </p>
            <button type="submit" class="button button-secondary" safe>
              {t('assembly_page.send_pack')}
            </button>
          </form>
        ) : (
          ''
        )}
        {can.manage && a.noticeSentAt ? (
          <p class="hint" safe>
            {t('assembly_page.notice_sent_at', { at: formatDateTime(locale, a.noticeSentAt, a.timeZone) })}
          </p>
        ) : (
          ''
        )}
      </section>
      <Agenda view={view} a={a} editable={editable} form={form} />
      <Elections view={view} a={a} elections={elections} form={form} />
      <Rules view={view} a={a} />
    </Layout>
  );
}
