import type { Feature } from '../../kernel/feature.js';
import { isAuthenticated } from '../../platform/actor.js';
import { homeRoutes } from './routes.js';

/** The front page for visitors and the start page for people who are logged in. */
export const feature: Feature = {
  name: 'home',
  nav: [
    { href: '/', labelKey: 'nav.home', visible: (a) => !isAuthenticated(a), order: 0 },
    { href: '/start', labelKey: 'nav.start', visible: (a) => a.kind === 'person', order: 0 },
  ],
  routes: homeRoutes,
};
