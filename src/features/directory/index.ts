import type { Feature } from '../../kernel/feature.js';
import { directoryPersonalData, directoryPersonReferences } from './personal-data.js';
import { directoryApi } from './api.js';
import { directoryPages } from './routes.js';

export { can as canDirectory } from './policy.js';
export { searchDirectory, saveProfile, getStaffPerson, listStaff } from './profiles.js';
export { setPhoto, getPhoto } from './photo.js';
export { seedDemoStaffProfiles } from './demo.js';
export type { DirectoryEntry, ProfileInput } from './schema.js';
export { StaffContact, telHref } from './pages/staff-contact.js';

export const feature: Feature = {
  name: 'directory',
  personalData: directoryPersonalData,
  personReferences: directoryPersonReferences,
  nav: [{ href: '/directory', labelKey: 'directory.nav', visible: () => true, order: 60 }],
  async routes(app) {
    await app.register(directoryApi);
    await app.register(directoryPages);
  },
};
