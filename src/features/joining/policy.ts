import { hasRole, reachesUnit, type Actor } from '../../platform/actor.js';

export type JoiningAction =
  /** Send the public "become a member" form, confirm one's e-mail. */
  | 'join.apply'
  /** See the queue of applications (each row still limited to the staff member's units). */
  | 'applications.view'
  /** Open, approve, reject, re-send or remove one application; the subject is its district. */
  | 'application.decide'
  /** Use "my page": one's own details, consents and data export. */
  | 'me.use'
  /** Create, list and revoke one's own personal API tokens. */
  | 'me.tokens';

export interface ApplicationSubject {
  unitId: string;
}
export interface MeSubject {
  personId: string;
  /** A membership (any status) or an employment: something of the register to show and export. */
  hasRecord: boolean;
}

/**
 * Joining is open to anyone. Applications are staff work, limited to the staff member's units (admins
 * reach all). "My page" is the logged-in person's own record, and only theirs, whoever they are.
 */
export function can(actor: Actor, action: 'join.apply' | 'applications.view'): boolean;
export function can(actor: Actor, action: 'application.decide', subject: ApplicationSubject): boolean;
export function can(actor: Actor, action: 'me.use', subject: MeSubject): boolean;
export function can(actor: Actor, action: 'me.tokens', subject: { personId: string }): boolean;
export function can(actor: Actor, action: JoiningAction, subject?: ApplicationSubject | MeSubject | { personId: string }): boolean {
  switch (action) {
    case 'join.apply':
      return true;
    case 'applications.view':
      return hasRole(actor, 'staff');
    case 'application.decide':
      return reachesUnit(actor, (subject as ApplicationSubject).unitId, 'staff');
    case 'me.use': {
      const me = subject as MeSubject;
      // Everyone the register knows has the right to see and take their data (GDPR art. 15/20),
      // staff without a membership included.
      return actor.kind === 'person' && actor.personId === me.personId;
    }
    case 'me.tokens':
      // Only the person, in person: a token must not mint or revoke tokens (pages never see tokens anyway).
      return actor.kind === 'person' && actor.tokenId === undefined && actor.personId === (subject as { personId: string }).personId;
  }
}
