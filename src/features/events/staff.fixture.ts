import { buildApp } from '../../app.js';
import { testDatabase } from '../../test/database.js';
import { testConfig, type TestApp } from '../../test/app.js';
import { eventStaffPages } from './staff-routes.js';

/** The test app with the staff pages of events, registered here until the app registers them itself. */
export async function staffTestApp(): Promise<TestApp> {
  const database = await testDatabase();
  const config = testConfig();
  const app = await buildApp({ config, database, secret: 'test-secret-test-secret-test-secret-0123', logger: false });
  if (!app.hasRoute({ method: 'GET', url: '/events/:slug/manage' })) await app.register(eventStaffPages);
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

/** A multipart form with the CSRF token and one file, as a browser sends it. */
export function multipart(csrf: string, file: { field?: string; name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----forening-events-boundary';
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
