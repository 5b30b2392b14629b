import type { Feature } from './kernel/feature.js';
import { feature as home } from './features/home/index.js';
import { feature as organisation } from './features/organisation/index.js';
import { feature as members } from './features/members/index.js';
import { feature as importing } from './features/import/index.js';
import { feature as workplaces } from './features/workplaces/index.js';
import { feature as memberCompanies } from './features/member-companies/index.js';
import { feature as directory } from './features/directory/index.js';
import { feature as joining } from './features/joining/index.js';
import { feature as events } from './features/events/index.js';
import { feature as workplaceMeetings } from './features/workplace-meetings/index.js';
import { feature as news } from './features/news/index.js';
import { feature as segments } from './features/segments/index.js';
import { feature as magazine } from './features/magazine/index.js';
import { feature as press } from './features/press/index.js';
import { feature as mailings } from './features/mailings/index.js';
import { feature as assemblies } from './features/assemblies/index.js';
import { feature as grants } from './features/grants/index.js';
import { feature as surveys } from './features/surveys/index.js';
import { feature as networks } from './features/networks/index.js';
import { feature as insights } from './features/insights/index.js';
import { feature as admin } from './features/admin/index.js';

/**
 * Every feature of this installation, in the order their routes are registered and their demo data
 * is seeded (a feature's demo may use what the ones before it made). Adding a feature: its folder,
 * and one line here.
 */
export const features: readonly Feature[] = [
  home,
  organisation,
  members,
  importing,
  workplaces,
  memberCompanies,
  directory,
  joining,
  events,
  workplaceMeetings,
  news,
  segments,
  magazine,
  press,
  mailings,
  assemblies,
  grants,
  surveys,
  networks,
  insights,
  admin,
];
