import { Layout } from '../../../platform/html/layout.js';
import { CheckboxField, ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import { audienceRoles, audiences, eventKinds } from '../tables.js';
import { timeZoneChoices } from '../staff-form.js';
import { EventCrumbs } from './parts.js';
import { StaffHeader, type StaffEvent, type StaffRights } from './staff-parts.js';
import { audienceLabel, audienceRoleLabel, eventKindLabel } from '../labels.js';

const text = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? String(v[v.length - 1] ?? '') : String(v));
const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

export interface EventFormProps {
  view: View;
  /** The event being edited; none for a new one. */
  event?: StaffEvent;
  rights?: StaffRights;
  form: FormState;
  /** Units the actor may organise events for. */
  units: Unit[];
  /** Every unit, for an audience of one unit's members. */
  allUnits: Unit[];
  /** How many programme rows to show. */
  rows: number;
  /** The event's material, offered as slides for a programme item. */
  materials: { id: string; fileName: string }[];
}

export function EventFormPage({ view, event, rights, form, units, allUnits, rows, materials }: EventFormProps): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const errors = form.errors;
  const action = event ? `/events/${encodeURIComponent(event.slug)}/edit` : '/events/new';
  const title = event ? t('event_staff.edit_title') : t('event_staff.new_title');
  const unitLabel = (u: Unit) => `${'— '.repeat(u.depth)}${u.name}`;
  const zone = text(v.timeZone);
  const zones = timeZoneChoices.includes(zone) || !zone ? timeZoneChoices : [zone, ...timeZoneChoices];
  return (
    <Layout view={view} title={event ? `${title}: ${event.title}` : title}>
      {event && rights ? (
        <StaffHeader view={view} event={event} rights={rights} current="edit" />
      ) : (
        <>
          <EventCrumbs view={view} />
          <PageHeader title={title} lead={t('event_staff.new_lead')} />
        </>
      )}
      <section class="card event-form" aria-labelledby={event ? 'event-form-title' : undefined}>
        {event ? (
          <h2 id="event-form-title" safe>
            {title}
          </h2>
        ) : (
          ''
        )}
        <ErrorSummary view={view} errors={errors} />
        <form method="post" action={action} novalidate>
          <Csrf view={view} />
          <fieldset class="form-section">
            <legend safe>{t('event_staff.section_about')}</legend>
            <SelectField name="kind" label={t('fields.kind')} value={v.kind} errors={errors} required options={eventKinds.map((k) => ({ value: k, label: t(eventKindLabel[k]) }))} />
            <TextField name="title" label={t('fields.title')} value={v.title} errors={errors} required maxlength={200} />
            <TextArea name="description" label={t('fields.description')} hint={t('event_staff.markdown_hint')} value={v.description} errors={errors} rows={8} maxlength={20000} />
          </fieldset>

          <fieldset class="form-section">
            <legend safe>{t('event_staff.section_when')}</legend>
            <p class="hint" safe>
              {t('event_staff.time_hint')}
            </p>
            <div class="grid grid-3 compact">
              <TextField name="startDate" type="date" label={t('fields.startDate')} value={v.startDate} errors={errors} required />
              <TextField name="startTime" type="time" label={t('fields.startTime')} value={v.startTime} errors={errors} required />
              <TextField name="endTime" type="time" label={t('fields.endTime')} value={v.endTime} errors={errors} required />
            </div>
            <div class="grid grid-2 compact">
              <TextField name="endDate" type="date" label={t('fields.endDate')} hint={t('event_staff.end_date_hint')} value={v.endDate} errors={errors} />
              <SelectField name="timeZone" label={t('fields.timeZone')} hint={t('event_staff.time_zone_hint')} value={zone || zones[0]} errors={errors} options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} />
            </div>
          </fieldset>

          <fieldset class="form-section">
            <legend safe>{t('event_staff.section_where')}</legend>
            <p class="hint" safe>
              {t('event_staff.where_hint')}
            </p>
            <TextField name="placeName" label={t('fields.placeName')} value={v.placeName} errors={errors} maxlength={200} />
            <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={errors} maxlength={200} autocomplete="off" />
            <div class="grid grid-2 compact">
              <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={errors} maxlength={20} autocomplete="off" />
              <TextField name="city" label={t('fields.city')} value={v.city} errors={errors} maxlength={100} autocomplete="off" />
            </div>
            <TextField name="onlineUrl" type="url" label={t('fields.onlineUrl')} hint={t('event_staff.online_hint')} value={v.onlineUrl} errors={errors} maxlength={500} autocomplete="off" />
          </fieldset>

          <fieldset class="form-section">
            <legend safe>{t('event_staff.section_audience')}</legend>
            <SelectField name="unitId" label={t('event_staff.organising_unit')} value={v.unitId} errors={errors} required emptyLabel={t('event_staff.choose')} options={units.map((u) => ({ value: u.id, label: unitLabel(u) }))} />
            <ChoiceGroup name="audience" type="radio" legend={t('fields.audience')} options={audiences.filter((a) => a !== 'network' || text(v.audience) === 'network').map((a) => ({ value: a, label: t(audienceLabel[a]) }))} checked={[text(v.audience) || 'members']} errors={errors} />
            <SelectField name="audienceUnitId" label={t('fields.audienceUnitId')} hint={t('event_staff.audience_unit_hint')} value={v.audienceUnitId} errors={errors} emptyLabel={t('event_staff.choose')} options={allUnits.map((u) => ({ value: u.id, label: unitLabel(u) }))} />
            <ChoiceGroup name="audienceRoles" type="checkbox" legend={t('fields.audienceRoles')} hint={t('event_staff.audience_roles_hint')} options={audienceRoles.map((r) => ({ value: r, label: t(audienceRoleLabel[r]) }))} checked={many(v.audienceRoles)} errors={errors} />
          </fieldset>

          <fieldset class="form-section">
            <legend safe>{t('event_staff.section_registration')}</legend>
            <div class="grid grid-2 compact">
              <TextField name="capacity" label={t('fields.capacity')} hint={t('event_staff.capacity_hint')} value={v.capacity} errors={errors} inputmode="numeric" maxlength={9} />
              <TextField name="maxGuests" label={t('fields.maxGuests')} hint={t('event_staff.max_guests_hint')} value={v.maxGuests} errors={errors} inputmode="numeric" maxlength={2} />
            </div>
            <CheckboxField name="waitlist" label={t('event_staff.waitlist_label')} hint={t('event_staff.waitlist_hint')} checked={text(v.waitlist) === 'on' || v.waitlist === true} errors={errors} />
            <div class="grid grid-2 compact">
              <TextField name="registrationOpensAt" type="datetime-local" label={t('fields.registrationOpensAt')} hint={t('event_staff.opens_hint')} value={v.registrationOpensAt} errors={errors} />
              <TextField name="registrationClosesAt" type="datetime-local" label={t('fields.registrationClosesAt')} hint={t('event_staff.closes_hint')} value={v.registrationClosesAt} errors={errors} />
            </div>
          </fieldset>

          <fieldset class="form-section" id="programme">
            <legend safe>{t('fields.programme')}</legend>
            <p class="hint" safe>
              {t('event_staff.programme_hint')}
            </p>
            <ol class="programme-rows">
              {Array.from({ length: rows }, (_, i) => (
                <li id={`programme-row-${i}`}>
                  <fieldset class="programme-row">
                    <legend safe>{t('event_staff.programme_row', { n: i + 1 })}</legend>
                    <div class="programme-fields">
                      <TextField name={`programme.${i}.time`} type="time" label={t('event_staff.programme_time')} value={v[`programme.${i}.time`]} errors={errors} />
                      <TextField name={`programme.${i}.title`} label={t('fields.title')} value={v[`programme.${i}.title`]} errors={errors} maxlength={200} />
                      <TextField name={`programme.${i}.speaker`} label={t('fields.speaker')} value={v[`programme.${i}.speaker`]} errors={errors} maxlength={200} />
                      {materials.length ? (
                        <SelectField name={`programme.${i}.materialId`} label={t('fields.materialId')} value={v[`programme.${i}.materialId`]} errors={errors} emptyLabel={t('event_staff.no_slides')} options={materials.map((m) => ({ value: m.id, label: m.fileName }))} />
                      ) : (
                        ''
                      )}
                    </div>
                  </fieldset>
                </li>
              ))}
            </ol>
          </fieldset>

          <div class="form-actions">
            <button type="submit" class="button" safe>
              {event ? t('form.save') : t('event_staff.save_draft')}
            </button>
            {/* "Add a row" sends the form and gets it back with one more empty row (nothing is saved), scrolled to that row. */}
            <button type="submit" name="add_item" value="1" class="button button-secondary" formaction={`${action}#programme-row-${rows}`} safe>
              {t('event_staff.add_row')}
            </button>
            <a href={event ? `/events/${encodeURIComponent(event.slug)}/manage` : '/events'} class="button button-secondary" safe>
              {t('form.cancel')}
            </a>
          </div>
        </form>
      </section>
    </Layout>
  );
}
