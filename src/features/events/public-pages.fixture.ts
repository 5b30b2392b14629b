import { buildApp } from '../../app.js';
import { testDatabase } from '../../test/database.js';
import { testConfig, type TestApp } from '../../test/app.js';
import { calendarRoutes } from './calendar-routes.js';
import { publicEventPages } from './public-routes.js';

/**
 * The test app with the public event pages (and the calendar form "my events" embeds), registered
 * here for as long as the app does not register them itself; once it does, nothing is added twice.
 */
export async function publicPagesTestApp(): Promise<TestApp> {
  const database = await testDatabase();
  const config = testConfig();
  const app = await buildApp({ config, database, secret: 'test-secret-test-secret-test-secret-0123', logger: false });
  if (!app.hasRoute({ method: 'GET', url: '/events/:slug' })) await app.register(publicEventPages);
  if (!app.hasRoute({ method: 'POST', url: '/me/events/calendar-feed' })) await app.register(calendarRoutes);
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
