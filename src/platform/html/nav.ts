import { hasRole, isAdmin, isAuthenticated, type Actor } from '../actor.js';

export interface NavItem {
  href: string;
  labelKey: string;
  visible: (actor: Actor) => boolean;
  /** Lower comes first. */
  order: number;
}

const items: NavItem[] = [
  { href: '/', labelKey: 'nav.home', visible: (a) => !isAuthenticated(a), order: 0 },
  { href: '/start', labelKey: 'nav.start', visible: (a) => a.kind === 'person', order: 0 },
  { href: '/admin', labelKey: 'nav.admin', visible: (a) => isAdmin(a) || hasRole(a, 'staff'), order: 90 },
];

/** Features add their own entries; the layout shows those the actor may use. */
export function addNavItem(item: NavItem): void {
  if (!items.some((i) => i.href === item.href)) items.push(item);
}

export function navItemsFor(actor: Actor): NavItem[] {
  return items.filter((i) => i.visible(actor)).sort((a, b) => a.order - b.order);
}
