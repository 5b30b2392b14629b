import type { Feature } from '../../kernel/feature.js';
import { memberCompanyPersonalData, memberCompanyPersonReferences } from './personal-data.js';
import { memberCompanyApi } from './api.js';
import { memberCompanyPages } from './routes.js';

export { isValidCvr, isValidOrgNumber, normaliseCompanyNumber, normaliseCvr, normaliseOrgNumber } from './identifiers.js';
export { can as canMemberCompany, type CompanySubject } from './policy.js';
export { listCompanies, getCompanyDetail, createCompany, updateCompany, findMemberCompany, findMemberCompaniesByKey, memberCompanyOptions, type MemberCompany } from './companies.js';
export { addContact, removeContact } from './contacts.js';
export { seedDemoCompanies, seedDemoCompanyContacts } from './demo.js';
export { memberCompanyNameSql, companyContactsInUnitsSql, companiesOfContactSql, contactPersonIdsSql } from './company-sql.js';
export type { CompanyInput, CompanyDetail, CompanySummary } from './schema.js';

export const feature: Feature = {
  name: 'member-companies',
  personalData: memberCompanyPersonalData,
  personReferences: memberCompanyPersonReferences,
  async routes(app) {
    await app.register(memberCompanyApi);
    await app.register(memberCompanyPages);
  },
};
