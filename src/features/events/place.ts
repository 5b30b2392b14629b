/** Where an event is held: a place with an address, an online link, or both. */
export interface EventPlace {
  placeName: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  onlineUrl: string | null;
}

/**
 * The place as one line, "Fagforeningshuset, Nørregade 1, 8000 Aarhus C", as far as it is known;
 * null when nothing is. A list card knows only the place's name and town.
 */
export function placeOf(e: Pick<EventPlace, 'placeName' | 'city'> & Partial<Pick<EventPlace, 'addressLine' | 'postalCode'>>): string | null {
  const town = [e.postalCode, e.city].filter((p) => p && p.trim()).join(' ');
  return [e.placeName, e.addressLine, town].filter((p) => p && p.trim()).join(', ') || null;
}

/** The place, or the online link when there is no place: a calendar entry's LOCATION, a mail's "where". */
export function locationOf(e: EventPlace): string | null {
  return placeOf(e) ?? e.onlineUrl ?? null;
}
