import type { FastifyInstance } from 'fastify';
import { memberCompanyApi } from './api.js';
import { memberCompanyPages } from './routes.js';

export { memberCompanies, memberCompanyContacts } from './tables.js';
export { isValidCvr, isValidOrgNumber, normaliseCompanyNumber, normaliseCvr, normaliseOrgNumber } from './identifiers.js';
export { can as canMemberCompany, type CompanySubject } from './policy.js';
export { listCompanies, getCompanyDetail, createCompany, updateCompany, findMemberCompany, findMemberCompaniesByKey, memberCompanyOptions, type MemberCompany } from './companies.js';
export { addContact, removeContact } from './contacts.js';
export type { CompanyInput, CompanyDetail, CompanySummary } from './schema.js';

export async function memberCompanyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(memberCompanyApi);
  await app.register(memberCompanyPages);
}
