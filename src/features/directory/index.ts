import type { FastifyInstance } from 'fastify';
import { addNavItem } from '../../platform/html/nav.js';
import { directoryApi } from './api.js';
import { directoryPages } from './routes.js';

export { staffProfiles } from './tables.js';
export { can as canDirectory } from './policy.js';
export { searchDirectory, saveProfile, getStaffPerson, listStaff } from './profiles.js';
export { setPhoto, getPhoto } from './photo.js';
export type { DirectoryEntry, ProfileInput } from './schema.js';
export { StaffContact, telHref } from './pages/staff-contact.js';

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  // The directory is public: everyone finds the right person at the office.
  addNavItem({ href: '/directory', labelKey: 'directory.nav', visible: () => true, order: 60 });
  await app.register(directoryApi);
  await app.register(directoryPages);
}
