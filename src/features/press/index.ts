import type { Feature } from '../../kernel/feature.js';
import { pressPersonalData } from './personal-data.js';
import { seedDemoPress } from './demo.js';
import { pressApi } from './api.js';
import { pressPages } from './routes.js';

export { releaseStatuses, type ReleaseStatus } from './tables.js';
export { can as canPress, type PressAction, type ReleaseSubject } from './policy.js';
export { listReleases, releaseFor, contactChoices, contactsOf, pressContacts, type Release, type ReleasePhoto } from './queries.js';
export { createRelease, updateRelease, publishRelease, unpublishRelease, deleteRelease, type ReleaseResult, type WrongStatus } from './releases.js';
export { releasePhoto, checkPhoto, PHOTO_MAX_BYTES, type Upload } from './photo.js';
export { pressFeed } from './feed.js';
export { releaseInput, releaseListQuery, type ReleaseInput, type ReleaseOutput } from './schema.js';

/** The press room: the API, the public pages and feeds, and the staff's forms. */
export const feature: Feature = {
  name: 'press',
  personalData: pressPersonalData,
  demo: seedDemoPress,
  async routes(app) {
    await app.register(pressApi);
    await app.register(pressPages);
  },
};
