import type { Actor } from '../actor.js';

export interface NavItem {
  href: string;
  labelKey: string;
  visible: (actor: Actor) => boolean;
  /** Lower comes first. */
  order: number;
}

const items: NavItem[] = [];

/** Features add their own entries; the layout shows those the actor may use. */
export function addNavItem(item: NavItem): void {
  if (items.some((i) => i.href === item.href)) return;
  items.push(item);
  // Kept in order here rather than on every page; the sort is stable, so equal orders keep their sequence.
  items.sort((a, b) => a.order - b.order);
}

export function navItemsFor(actor: Actor): NavItem[] {
  return items.filter((i) => i.visible(actor));
}
