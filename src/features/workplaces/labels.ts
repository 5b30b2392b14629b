import type { LabelTable } from '../../platform/i18n/labels.js';
import type { EmploymentFailure } from './employments.js';
import type { OfficeFailure } from './offices.js';
import type { OfficeRole, Vacancy } from './schema.js';
import type { WorkplaceFailure } from './workplaces.js';

/** Each failure a workplace form shows, as its code (and message key). */
export const workplaceFailureCode = {
  p_number_taken: 'workplace.p_number_taken',
  unit_not_found: 'workplace.unit_not_found',
  unit_not_allowed: 'workplace.unit_not_allowed',
  member_company_not_found: 'workplace.member_company_not_found',
  not_member_employee: 'workplace.not_member_employee',
  already_in_office: 'workplace.already_in_office',
  end_before_start: 'workplace.end_before_start',
  already_ended: 'workplace.already_ended',
  person_not_found: 'workplace.person_not_found',
  already_employed: 'workplace.already_employed',
  email_taken: 'workplace.email_taken',
} as const satisfies LabelTable<(WorkplaceFailure | OfficeFailure | EmploymentFailure)['reason']>;

/** Each office's name (`workplaces.offices.…`). */
export const officeLabel = {
  steward: 'workplaces.offices.steward',
  safety_rep: 'workplaces.offices.safety_rep',
} as const satisfies LabelTable<OfficeRole>;

/** What the flash says when someone is appointed to an office. */
export const officeAppointedText = {
  steward: 'workplaces.appointed.steward',
  safety_rep: 'workplaces.appointed.safety_rep',
} as const satisfies LabelTable<OfficeRole>;

/** The lead of the page that ends an office, with `{{name}}` and `{{workplace}}`. */
export const endOfficeLead = {
  steward: 'workplaces.end_office_lead.steward',
  safety_rep: 'workplaces.end_office_lead.safety_rep',
} as const satisfies LabelTable<OfficeRole>;

/** The list's filter for workplaces without someone in an office (`workplaces.vacancy.…`). */
export const vacancyLabel = {
  steward: 'workplaces.vacancy.steward',
  safety_rep: 'workplaces.vacancy.safety_rep',
} as const satisfies LabelTable<Vacancy>;
