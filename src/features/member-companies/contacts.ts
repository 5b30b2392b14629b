import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { findPersonByEmail } from '../../kernel/persons.js';
import { memberCompanyContacts } from './tables.js';
import { companyFor } from './companies.js';
import { type Refusal } from '../../platform/outcomes.js';
import type { ContactInput } from './schema.js';

export type ContactFailure = { ok: false; reason: 'person_not_found' | 'already_contact'; field: 'email' };
export type ContactResult = { ok: true; personId: string } | ContactFailure | Refusal;

/**
 * Adds a person the register knows (found by e-mail) as a contact of the company. There is one
 * primary contact: naming a new one makes the others ordinary contacts.
 */
export async function addContact(db: Db, actor: Actor, companyId: string, input: ContactInput): Promise<ContactResult> {
  return db.transaction(async (tx): Promise<ContactResult> => {
    const found = await companyFor(tx, actor, companyId, 'company.edit');
    if (!found.ok) return found;
    const person = await findPersonByEmail(tx, input.email);
    if (!person) return { ok: false, reason: 'person_not_found', field: 'email' };
    const inserted = await tx
      .insert(memberCompanyContacts)
      .values({ companyId, personId: person.id, title: input.title ?? null, isPrimary: input.isPrimary })
      .onConflictDoNothing()
      .returning({ personId: memberCompanyContacts.personId });
    if (inserted.length === 0) return { ok: false, reason: 'already_contact', field: 'email' };
    if (input.isPrimary) {
      await tx
        .update(memberCompanyContacts)
        .set({ isPrimary: false })
        .where(and(eq(memberCompanyContacts.companyId, companyId), ne(memberCompanyContacts.personId, person.id)));
    }
    await audit(tx, actor, { action: 'update', entityType: 'member_company', entityId: companyId, fields: ['contacts'] });
    return { ok: true, personId: person.id };
  });
}

/** Removes a contact from the company; the person stays in the register. */
export async function removeContact(db: Db, actor: Actor, companyId: string, personId: string): Promise<ContactResult> {
  return db.transaction(async (tx): Promise<ContactResult> => {
    const found = await companyFor(tx, actor, companyId, 'company.edit');
    if (!found.ok) return found;
    const removed = await tx
      .delete(memberCompanyContacts)
      .where(and(eq(memberCompanyContacts.companyId, companyId), eq(memberCompanyContacts.personId, personId)))
      .returning({ personId: memberCompanyContacts.personId });
    if (removed.length === 0) return { ok: false, reason: 'not_found' };
    await audit(tx, actor, { action: 'update', entityType: 'member_company', entityId: companyId, fields: ['contacts'] });
    return { ok: true, personId };
  });
}
