import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/actor.js';
import { audit, changedFields } from '../platform/audit/audit.js';
import type { OrganisationBrand } from '../platform/html/view.js';
import { organisation } from './tables.js';
import { isLocale, type Locale } from '../platform/i18n/i18n.js';
import { localeTextFor, mergeLocaleTexts, sameLocaleTexts } from '../platform/i18n/locale-texts.js';
import { forget, memo } from '../platform/cache.js';
import type { OrganisationPatch } from './schema.js';

export type Organisation = Omit<typeof organisation.$inferSelect, 'logo'> & { hasLogo: boolean };

const columns = {
  id: organisation.id,
  name: organisation.name,
  shortName: organisation.shortName,
  aboutText: organisation.aboutText,
  aboutTranslations: organisation.aboutTranslations,
  email: organisation.email,
  phone: organisation.phone,
  address: organisation.address,
  website: organisation.website,
  defaultLocale: organisation.defaultLocale,
  brandColour: organisation.brandColour,
  currency: organisation.currency,
  logoMime: organisation.logoMime,
  privacyNotice: organisation.privacyNotice,
  requireTwoFactorForStaff: organisation.requireTwoFactorForStaff,
  updatedAt: organisation.updatedAt,
  hasLogo: sql<boolean>`${organisation.logo} is not null`,
};

/** Until an admin names it, an empty installation calls itself by the product's name. */
const unnamed = { name: 'Forening', shortName: 'Forening' };

export async function getOrganisation(db: Db): Promise<Organisation> {
  const [row] = await db.select(columns).from(organisation).where(eq(organisation.id, 1));
  if (row) return row;
  const [created] = await db.insert(organisation).values(unnamed).onConflictDoNothing().returning(columns);
  return created ?? (await getOrganisation(db));
}

/** Every page shows the organisation's name, colour and logo: each process keeps them for a few seconds. */
const ORGANISATION_TTL_MS = 5_000;

export function getOrganisationCached(db: Db): Promise<Organisation> {
  return memo(db, 'organisation', ORGANISATION_TTL_MS, () => getOrganisation(db));
}

/** Made once per cached organisation: every request asks for it twice (language, then the layout). */
const brands = new WeakMap<Organisation, OrganisationBrand>();

export async function getBrand(db: Db): Promise<OrganisationBrand> {
  const o = await getOrganisationCached(db);
  const made = brands.get(o);
  if (made) return made;
  const brand: OrganisationBrand = {
    name: o.name,
    shortName: o.shortName,
    brandColour: o.brandColour,
    hasLogo: o.hasLogo,
    version: o.updatedAt.getTime().toString(36),
    email: o.email,
    phone: o.phone,
    address: o.address,
    defaultLocale: isLocale(o.defaultLocale) ? o.defaultLocale : 'da',
  };
  brands.set(o, brand);
  return brand;
}

export function forgetBrand(): void {
  forget('organisation');
}

export async function updateOrganisation(db: Db, actor: Actor, patch: OrganisationPatch): Promise<Organisation> {
  const result = await db.transaction(async (tx) => {
    await getOrganisation(tx);
    // Two admins saving at once: the second waits, then audits only what it really changed.
    await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, 1)).for('update');
    const before = await getOrganisation(tx);
    const { privacyNotice: noticePatch, aboutTranslations: aboutPatch, ...rest } = patch;
    const fields = changedFields(before as unknown as Record<string, unknown>, rest as Record<string, unknown>);
    // A text per language changes where one of its languages does; it is audited as the whole field.
    const texts: Partial<Pick<Organisation, 'privacyNotice' | 'aboutTranslations'>> = {};
    for (const [field, change] of [['privacyNotice', noticePatch], ['aboutTranslations', aboutPatch]] as const) {
      if (!change) continue;
      const merged = mergeLocaleTexts(before[field], change);
      if (sameLocaleTexts(merged, before[field])) continue;
      texts[field] = merged;
      fields.push(field);
    }
    if (fields.length === 0) return before;
    await tx
      .update(organisation)
      .set({ ...rest, ...texts, updatedAt: sql`now()` })
      .where(eq(organisation.id, 1));
    await audit(tx, actor, { action: 'update', entityType: 'organisation', entityId: '1', fields });
    return getOrganisation(tx);
  });
  forgetBrand();
  return result;
}

/** "About us" for a reader of `locale`: the text in their language, else the default language's `aboutText`. */
export function aboutTextFor(org: Pick<Organisation, 'aboutText' | 'aboutTranslations' | 'defaultLocale'>, locale: Locale): string {
  return localeTextFor(org.aboutTranslations, locale, { text: org.aboutText, locale: isLocale(org.defaultLocale) ? org.defaultLocale : 'da' });
}

export const LOGO_MAX_BYTES = 1024 * 1024;
export const logoTypes = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const;

export type LogoResult = { ok: true } | { ok: false; reason: 'too_large' | 'wrong_type' | 'empty' };

/** Stored in the database: a logo is small, and every app process can serve it without shared disk. */
export async function setLogo(db: Db, actor: Actor, input: { bytes: Buffer; mime: string } | null): Promise<LogoResult> {
  if (input) {
    if (input.bytes.length === 0) return { ok: false, reason: 'empty' };
    if (input.bytes.length > LOGO_MAX_BYTES) return { ok: false, reason: 'too_large' };
    if (!(logoTypes as readonly string[]).includes(input.mime) || !looksLike(input.mime, input.bytes)) return { ok: false, reason: 'wrong_type' };
  }
  await db.transaction(async (tx) => {
    await getOrganisation(tx);
    await tx
      .update(organisation)
      .set({ logo: input?.bytes ?? null, logoMime: input?.mime ?? null, updatedAt: sql`now()` })
      .where(eq(organisation.id, 1));
    await audit(tx, actor, { action: input ? 'update' : 'delete', entityType: 'organisation', entityId: '1', fields: ['logo'] });
  });
  forgetBrand();
  return { ok: true };
}

/** The file's first bytes must match its declared type: a renamed script is not a logo. */
function looksLike(mime: string, b: Buffer): boolean {
  switch (mime) {
    case 'image/png':
      return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return b[0] === 0xff && b[1] === 0xd8;
    case 'image/webp':
      return b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'image/svg+xml': {
      const head = b.subarray(0, 1024).toString('utf8');
      return /<svg[\s>]/i.test(head) && !/<script|\bon\w+\s*=|javascript:/i.test(b.toString('utf8'));
    }
    default:
      return false;
  }
}

export async function getLogo(db: Db): Promise<{ bytes: Buffer; mime: string } | null> {
  const [row] = await db.select({ logo: organisation.logo, mime: organisation.logoMime }).from(organisation).where(eq(organisation.id, 1));
  return row?.logo && row.mime ? { bytes: row.logo, mime: row.mime } : null;
}
