import type { Db } from '../platform/db/database.js';
import type { Locale, Translate } from '../platform/i18n/i18n.js';

/** What a section of "my page" is given to render: the person and the reader's language. */
export interface MyPageContext {
  db: Db;
  personId: string;
  locale: Locale;
  t: Translate;
}

/**
 * A section a feature adds to "my page" (`/me`): the person's applications to a pool, their surveys…
 * The page belongs to the joining feature, which knows none of the features after it; they plug
 * their sections in here, as they do their menu entries. `render` returns the section's HTML with
 * its own heading, or null when it has nothing for this person.
 */
export interface MyPageSection {
  key: string;
  order: number;
  render: (ctx: MyPageContext) => Promise<JSX.Element | null>;
}

const sections = new Map<string, MyPageSection>();

/** Registers a section; the same key again replaces it (the app, the worker and tests may each plug features in). */
export function addMyPageSection(section: MyPageSection): void {
  sections.set(section.key, section);
}

/** Every registered section, in order. */
export function myPageSections(): readonly MyPageSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** The sections' HTML for one person, in order, leaving out those with nothing to show. */
export async function renderMyPageSections(ctx: MyPageContext): Promise<JSX.Element[]> {
  const out: JSX.Element[] = [];
  for (const s of myPageSections()) {
    const html = await s.render(ctx);
    if (html) out.push(html);
  }
  return out;
}
