import type { FastifyInstance } from 'fastify';
import { isLocale, translator } from '../../platform/i18n/i18n.js';
import { getBrand } from '../../kernel/organisation.js';
import { assignedMeetingsIcs } from './assigned.js';

/**
 * A staff member's feed of assigned meetings for a calendar app: the secret token in the URL is the
 * credential (apps send no cookies). An unknown token is a plain 404.
 */
export async function meetingCalendarRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { file: string } }>('/workplace-meetings/calendar/:file', async (req, reply) => {
    const token = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : '';
    const brand = await getBrand(app.db);
    const t = translator(isLocale(req.locale) ? req.locale : brand.defaultLocale);
    const ics = token ? await assignedMeetingsIcs(app.db, token, { baseUrl: app.config.publicUrl, name: t('workplace_meeting.calendar_name'), cancelledLabel: t('calendar.cancelled') }) : null;
    if (ics === null) return reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').send(ics);
  });
}
