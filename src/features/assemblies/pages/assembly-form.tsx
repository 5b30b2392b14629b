import { Layout } from '../../../platform/html/layout.js';
import { ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { AgendaTemplate } from '../templates.js';
import { assemblyKindLabel, minutesVisibilityLabel } from '../labels.js';
import { assemblyKinds, minutesVisibilities } from '../tables.js';

/** Calling an assembly: the unit, title, kind, date and time, place, the agenda template. */
export function AssemblyFormPage({ view, units, templates, form }: { view: View; units: { id: string; name: string }[]; templates: AgendaTemplate[]; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={t('assembly_page.create')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/assemblies" safe>
          {t('assembly_page.list_title')}
        </a>
      </nav>
      <PageHeader title={t('assembly_page.create')} lead={t('assembly_page.create_lead')} />
      <ErrorSummary view={view} errors={form.errors} />
      <form method="post" action="/assemblies/new" class="card form" novalidate>
        <Csrf view={view} />
        <SelectField name="unitId" label={t('fields.unitId')} value={v.unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} errors={form.errors} required />
        <TextField name="title" label={t('fields.title')} value={v.title ?? t('assembly_page.default_title')} errors={form.errors} maxlength={200} required />
        <ChoiceGroup name="kind" type="radio" legend={t('fields.kind')} options={assemblyKinds.map((k) => ({ value: k, label: t(assemblyKindLabel[k]) }))} checked={[String(v.kind ?? 'ordinary')]} errors={form.errors} />
        <div class="field-row">
          <TextField name="date" type="date" label={t('assembly_page.date')} value={v.date} errors={form.errors} required />
          <TextField name="time" type="time" label={t('assembly_page.time')} value={v.time ?? '17:00'} errors={form.errors} required />
        </div>
        <TextField name="place" label={t('fields.place')} value={v.place} errors={form.errors} maxlength={300} />
        <div class="field-row">
          <TextField name="deadlineDate" type="date" label={t('fields.motionDeadline')} hint={t('assembly_page.deadline_hint')} value={v.deadlineDate} errors={form.errors} />
          <TextField name="deadlineTime" type="time" label={t('assembly_page.deadline_time')} value={v.deadlineTime ?? '23:59'} errors={form.errors} />
        </div>
        <SelectField name="template" label={t('fields.template')} value={v.template ?? 'standard'} options={templates.map((x) => ({ value: x.key, label: x.name }))} errors={form.errors} />
        <ChoiceGroup
          name="minutesVisibility"
          type="radio"
          legend={t('fields.minutesVisibility')}
          options={minutesVisibilities.map((k) => ({ value: k, label: t(minutesVisibilityLabel[k]) }))}
          checked={[String(v.minutesVisibility ?? 'members')]}
          errors={form.errors}
        />
        <button type="submit" class="button" safe>
          {t('assembly_page.create_submit')}
        </button>
      </form>
    </Layout>
  );
}
