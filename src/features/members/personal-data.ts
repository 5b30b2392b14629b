import { exportActor, isoOrNull, type PersonalDataPart } from '../../kernel/personal-data.js';
import { consentsOf } from './consent-records.js';
import { membershipHistory, ownMembership } from './own-membership.js';

/** The register's part of a person's data export: their membership with its history and sections, and their consents. */
export const membersPersonalData: PersonalDataPart[] = [
  {
    key: 'membership',
    tables: ['memberships', 'membership_sections', 'membership_events'],
    async collect(tx, personId, locale) {
      // The type named as the person reads it; the district and sections have one name.
      const m = await ownMembership(tx, personId, locale);
      if (!m) return { data: null };
      const events = await membershipHistory(tx, m.id, locale);
      return {
        data: {
          memberNumber: m.memberNumber,
          type: m.typeName,
          district: m.districtName,
          status: m.status,
          statusSince: m.statusSince,
          joinedOn: m.joinedOn,
          emailConfirmedAt: isoOrNull(m.emailConfirmedAt),
          createdAt: isoOrNull(m.createdAt),
          sections: m.sections.map((s) => ({ name: s.name, since: s.since.slice(0, 10) })),
          events: events.map((e) => ({
            onDate: e.onDate,
            status: e.status,
            type: e.type,
            unit: e.unit,
            reason: e.reason,
            by: e.actorPersonId ? exportActor(personId, e.actorPersonId) : null,
            recordedAt: isoOrNull(e.recordedAt),
          })),
        },
        recordIds: [m.id],
      };
    },
  },
  {
    key: 'consents',
    tables: ['consents'],
    async collect(tx, personId) {
      const rows = await consentsOf(tx, personId);
      return { data: rows.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, changedAt: isoOrNull(c.changedAt) })) };
    },
  },
];
