import { and, eq, isNotNull, isNull, or, lt, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import { sha256 } from '../../platform/secrets.js';
import { getOrganisationCached } from '../organisation.js';
import { accounts, recoveryCodes } from './tables.js';

/*
 * Two-factor log-in with a time-based one-time password (TOTP, RFC 6238) from an authenticator app,
 * and one-time recovery codes for a lost phone. The codes themselves come from `otpauth`.
 */

/** RFC 6238's defaults, which every authenticator app understands: SHA-1, 6 digits, 30 seconds. */
const TOTP_PERIOD = 30;
const TOTP_DIGITS = 6;
/** A code of the step before or after now is accepted too: a phone's clock may be a little off. */
const TOTP_WINDOW = 1;
/** 160 bits, the key length RFC 4226 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;
/** 80 random bits a code: 16 base32 characters, written in groups of four. */
const RECOVERY_CODE_BYTES = 10;

export type Person = Actor & { kind: 'person' };

function totp(secret: string, issuer = '', label = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step a code belongs to, if it is right now (± one step); null when it is not. */
function stepOf(secret: string, code: string): number | null {
  const timestamp = Date.now();
  const t = totp(secret);
  const delta = t.validate({ token: code, timestamp, window: TOTP_WINDOW });
  return delta === null ? null : t.counter({ timestamp }) + delta;
}

/** Whether the staff, board and admin roles must use two-factor log-in here, and this actor holds one. */
export async function twoFactorRequiredFor(db: Db, actor: Actor): Promise<boolean> {
  if (actor.kind !== 'person' || !hasRole(actor, 'staff', 'board')) return false;
  const org = await getOrganisationCached(db);
  return org.requireTwoFactorForStaff;
}

/** Whether the person has confirmed two-factor log-in (then logging in takes a code too). */
export async function twoFactorEnabled(db: Db, personId: string): Promise<boolean> {
  const [account] = await db.select({ confirmedAt: accounts.totpConfirmedAt }).from(accounts).where(eq(accounts.personId, personId));
  return Boolean(account?.confirmedAt);
}

export interface TwoFactorStatus {
  enabled: boolean;
  /** Recovery codes not yet used. */
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Db, personId: string): Promise<TwoFactorStatus> {
  const enabled = await twoFactorEnabled(db, personId);
  const [{ left }] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)));
  return { enabled, recoveryCodesLeft: left };
}

export interface TwoFactorSetup {
  /** Base32, for typing into the app by hand. */
  secret: string;
  /** The `otpauth://` address the QR code holds. */
  uri: string;
  /** The QR code as an SVG image. */
  qrSvg: string;
}

/**
 * The secret the person is setting up with: made on first visit and kept, unconfirmed, until the
 * first code confirms it, so reloading the page shows the same QR code. Null once two-factor is on.
 */
export async function beginTwoFactorSetup(db: Db, person: Person, input: { issuer: string; label: string }): Promise<TwoFactorSetup | null> {
  const secret = await db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.personId, person.personId)).for('update');
    if (account?.totpConfirmedAt) return null;
    if (account?.totpSecret) return account.totpSecret;
    const fresh = new Secret({ size: SECRET_BYTES }).base32;
    await tx
      .insert(accounts)
      .values({ personId: person.personId, totpSecret: fresh })
      .onConflictDoUpdate({ target: accounts.personId, set: { totpSecret: fresh } });
    return fresh;
  });
  if (!secret) return null;
  const uri = totp(secret, input.issuer, input.label).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

function newRecoveryCode(): string {
  return new Secret({ size: RECOVERY_CODE_BYTES }).base32.match(/.{4}/g)!.join('-');
}

/** Case, spaces and dashes do not matter when a recovery code is typed in. */
function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z2-7]/g, '');
}

/** Replaces every recovery code of the person by new ones; only their hashes are stored. */
async function replaceRecoveryCodes(tx: Db, personId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ codeHash: sha256(normaliseRecoveryCode(c)), personId })));
  return codes;
}

/**
 * Accepts a code once: only a step later than the last accepted one counts, checked and recorded in
 * one statement, so a code seen over someone's shoulder (or sent twice at once) does not work again.
 */
async function useTotpStep(tx: Db, personId: string, step: number): Promise<boolean> {
  const [used] = await tx
    .update(accounts)
    .set({ totpLastStep: step })
    .where(and(eq(accounts.personId, personId), or(isNull(accounts.totpLastStep), lt(accounts.totpLastStep, step))))
    .returning({ personId: accounts.personId });
  return Boolean(used);
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'wrong_code' | 'not_started' };

/** The first code from the app confirms the secret: two-factor is on, and ten recovery codes are made (shown once). */
export async function confirmTwoFactor(db: Db, person: Person, code: string): Promise<ConfirmResult> {
  return db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.personId, person.personId)).for('update');
    if (!account?.totpSecret || account.totpConfirmedAt) return { ok: false, reason: 'not_started' } as const;
    const step = stepOf(account.totpSecret, code);
    if (step === null) return { ok: false, reason: 'wrong_code' } as const;
    await tx.update(accounts).set({ totpConfirmedAt: sql`now()`, totpLastStep: step }).where(eq(accounts.personId, person.personId));
    const codes = await replaceRecoveryCodes(tx, person.personId);
    await audit(tx, person, { action: 'create', entityType: 'account', entityId: person.personId, fields: ['totp', 'recoveryCodes'] });
    return { ok: true, recoveryCodes: codes } as const;
  });
}

export type SecondFactor = { totpCode: string } | { recoveryCode: string };
export type VerifyResult = { ok: true; via: 'totp' | 'recoveryCode' } | { ok: false };

/**
 * Checks a code from the app, or uses up a recovery code; either works once only. A wrong answer is
 * audited against the account (`login_failed`, with the kind of factor and the caller's address), so
 * the office can see someone guessing at a person's codes.
 */
export async function verifySecondFactor(db: Db, personId: string, factor: SecondFactor, by: Actor): Promise<VerifyResult> {
  const result = await checkSecondFactor(db, personId, factor);
  if (!result.ok) {
    await audit(db, by, { action: 'login_failed', entityType: 'account', entityId: personId, fields: ['totpCode' in factor ? 'totp' : 'recoveryCode'] });
  }
  return result;
}

async function checkSecondFactor(db: Db, personId: string, factor: SecondFactor): Promise<VerifyResult> {
  return db.transaction(async (tx) => {
    if ('recoveryCode' in factor) {
      const [used] = await tx
        .update(recoveryCodes)
        .set({ usedAt: sql`now()` })
        .where(and(eq(recoveryCodes.codeHash, sha256(normaliseRecoveryCode(factor.recoveryCode))), eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
        .returning({ personId: recoveryCodes.personId });
      return used ? ({ ok: true, via: 'recoveryCode' } as const) : ({ ok: false } as const);
    }
    const [account] = await tx
      .select({ secret: accounts.totpSecret })
      .from(accounts)
      .where(and(eq(accounts.personId, personId), isNotNull(accounts.totpConfirmedAt), isNull(accounts.disabledAt)));
    if (!account?.secret) return { ok: false } as const;
    const step = stepOf(account.secret, factor.totpCode);
    if (step === null || !(await useTotpStep(tx, personId, step))) return { ok: false } as const;
    return { ok: true, via: 'totp' } as const;
  });
}

/** A six-digit answer is a code from the app; anything else is taken for a recovery code. */
export function factorFromAnswer(answer: string): SecondFactor {
  const digits = answer.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? { totpCode: digits } : { recoveryCode: answer };
}

export type ChangeResult = { ok: true } | { ok: false; reason: 'wrong_code' | 'required' | 'not_enabled' };

/** Turns two-factor log-in off, on a current code or a recovery code; not while the person's roles require it. */
export async function disableTwoFactor(db: Db, person: Person, answer: string): Promise<ChangeResult> {
  if (await twoFactorRequiredFor(db, person)) return { ok: false, reason: 'required' };
  if (!(await twoFactorEnabled(db, person.personId))) return { ok: false, reason: 'not_enabled' };
  const check = await verifySecondFactor(db, person.personId, factorFromAnswer(answer), person);
  if (!check.ok) return { ok: false, reason: 'wrong_code' };
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null }).where(eq(accounts.personId, person.personId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, person.personId));
    await audit(tx, person, { action: 'delete', entityType: 'account', entityId: person.personId, fields: ['totp', 'recoveryCodes'] });
  });
  return { ok: true };
}

export type RegenerateResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'wrong_code' | 'not_enabled' };

/** New recovery codes for old (used up, or perhaps seen by someone), on a current code from the app. */
export async function regenerateRecoveryCodes(db: Db, person: Person, answer: string): Promise<RegenerateResult> {
  if (!(await twoFactorEnabled(db, person.personId))) return { ok: false, reason: 'not_enabled' };
  const check = await verifySecondFactor(db, person.personId, factorFromAnswer(answer), person);
  if (!check.ok) return { ok: false, reason: 'wrong_code' };
  const codes = await db.transaction(async (tx) => {
    const made = await replaceRecoveryCodes(tx, person.personId);
    await audit(tx, person, { action: 'update', entityType: 'account', entityId: person.personId, fields: ['recoveryCodes'] });
    return made;
  });
  return { ok: true, recoveryCodes: codes };
}
