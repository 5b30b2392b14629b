import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../platform/db/database.js';
import type { Jobs } from '../platform/jobs/jobs.js';
import { addNavItem, type NavItem } from '../platform/html/nav.js';
import { addGrantSource, type GrantSource } from './grants.js';
import { addGroupKind, type GroupKind } from './groups.js';
import { addMyPageSection, type MyPageSection } from './my-page.js';
import { addPersonalDataPart, addPersonReference, type PersonalDataPart, type PersonReference } from './personal-data.js';

/** What a feature's jobs are given: the database and the installation's settings. */
export interface JobContext {
  db: Db;
  config: Config;
}

export type DemoUnitKey = 'national' | 'nord' | 'midt' | 'syd' | 'leaders';
export type DemoDistrict = 'nord' | 'midt' | 'syd';

/** What the demo organisation's register gives every feature's demo data to build on. */
export interface DemoContext {
  /** The demo's units by a short key. */
  unitByKey: Readonly<Record<DemoUnitKey, string>>;
  /** The demo's staff and board people in the order they were made; the first is the author of what staff make. */
  staff: readonly { id: string; title: string | null; unit: Exclude<DemoUnitKey, 'leaders'>; roles: readonly string[] }[];
  /** Staff who create things, by the unit key they work in. */
  staffIn(key: Exclude<DemoUnitKey, 'leaders'>): string;
  /** Active members (not leaders) by district, in member-number order, and all active leaders. */
  activeMembers: Readonly<Record<DemoDistrict, readonly string[]>>;
  leaders: readonly string[];
  /** Holders of steward, safety rep or leader roles today. */
  roleHolders: readonly string[];
  /** What one feature's demo made for a later one, by a key the maker names ("events.network_meeting"). */
  made: Map<string, string>;
}

/**
 * One feature, as the application sees it. A feature's `index.ts` exports one of these (and the
 * queries other features may call); `src/features.ts` lists them, and the app, the job runtime, the
 * menu and `seed --demo` iterate that list. Adding a feature is a folder and one line there.
 *
 * The interface grows with what features contribute: later ones add erasure rules, insight figures
 * and audiences for events as optional members here, so existing features need no change.
 */
export interface Feature {
  /** The folder's name; unique. */
  name: string;
  /** The feature's pages and API, registered as one Fastify plugin. */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** Menu entries; the layout shows those the actor may use. */
  nav?: readonly NavItem[];
  /** Scheduled jobs and pollers, defined in every process; `forening worker` or the server runs them. */
  jobs?: (jobs: Jobs, ctx: JobContext) => void;
  /** Where this feature gives people access (an active membership makes a member). */
  grantSources?: readonly GrantSource[];
  /** The feature's part of a person's data export (GDPR art. 15/20), one entry per key. */
  personalData?: readonly PersonalDataPart[];
  /** What in this feature keeps a person's row alive (a staff entry): an unconfirmed applicant is not deleted while one exists. */
  personReferences?: readonly PersonReference[];
  /** Sections of "my page" (`/me`): what this feature has for the person (their applications, their surveys). */
  mySections?: readonly MyPageSection[];
  /** Groups of people this feature keeps that others may address (a network's participants as an event's audience). */
  groupKinds?: readonly GroupKind[];
  /** Fills the demo organisation, inside the demo's transaction, after the register and the features before it in the list. */
  demo?: (tx: Db, ctx: DemoContext) => Promise<void>;
}

const pluggedIn = new Set<string>();

/**
 * Installs what the features contribute to the kernel and the platform (menu entries, grant
 * sources, parts of the data export). Idempotent: the app, the worker, the CLI and the tests may each call it.
 */
export function plugIn(features: readonly Feature[]): void {
  for (const feature of features) {
    if (pluggedIn.has(feature.name)) continue;
    pluggedIn.add(feature.name);
    for (const item of feature.nav ?? []) addNavItem(item);
    for (const source of feature.grantSources ?? []) addGrantSource(source);
    for (const part of feature.personalData ?? []) addPersonalDataPart(part);
    for (const reference of feature.personReferences ?? []) addPersonReference(reference);
    for (const section of feature.mySections ?? []) addMyPageSection(section);
    for (const kind of feature.groupKinds ?? []) addGroupKind(kind);
  }
}
