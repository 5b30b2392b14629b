/**
 * What a person can agree to. The privacy terms are accepted when joining and are a condition of
 * membership, so they are shown but not toggled; the others are free choices the person changes on
 * /me/consents. Later modules (newsletters, surveys, events) read these records.
 */
export const PRIVACY_TERMS = 'privacy_terms';

export const consentPurposes = [
  { purpose: 'newsletter', field: 'newsletter' },
  { purpose: 'surveys', field: 'surveys' },
  { purpose: 'event_photos', field: 'eventPhotos' },
] as const;

export type ConsentPurpose = (typeof consentPurposes)[number]['purpose'];

/** Where a consent answer came from: the join form, the person's own page. */
export type ConsentSource = 'join' | 'me';
