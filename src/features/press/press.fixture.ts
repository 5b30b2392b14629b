import { releaseInput, type ReleaseInput } from './schema.js';
import type { PublishingWorld } from '../magazine/magazine.fixture.js';

export { publishingWorld, isLoginRedirect, PNG, JPEG, HTML, type PublishingWorld } from '../magazine/magazine.fixture.js';

let n = 0;

/** A release as the form would send it: by the world's staff member (a published directory entry), no photo. */
export function releaseFields(w: PublishingWorld, over: Record<string, unknown> = {}): ReleaseInput {
  n++;
  return releaseInput.parse({
    title: `Pressemeddelelse ${n}`,
    summary: 'Forbundet reagerer på nye normeringer.',
    content: 'Forbundet **glæder sig** over aftalen.',
    contactPersonId: w.staff.id,
    ...over,
  });
}
