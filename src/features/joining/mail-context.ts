import type { FastifyInstance } from 'fastify';
import { getBrand } from '../../kernel/organisation.js';
import type { MailContext } from './mails.js';

/** Links in mails point at PUBLIC_URL; the sender's name and contact address come from the settings. */
export async function mailContext(app: FastifyInstance): Promise<MailContext> {
  const brand = await getBrand(app.db);
  return { baseUrl: app.config.publicUrl, organisationName: brand.name, organisationEmail: brand.email };
}
