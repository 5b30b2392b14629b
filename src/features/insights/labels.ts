import type { Translate } from '../../platform/i18n/i18n.js';

/** The filter's fields by their names here ("first day", not the platform's "from" of merged agenda items). */
const fieldKeys: Record<string, string> = {
  'fields.from': 'insights.from',
  'fields.to': 'insights.to',
  'fields.unit': 'insights.unit',
  'fields.grain': 'insights.grain',
  'fields.year': 'insights.year',
};

/** The reader's translator with the dashboard's own field names, for the messages about its filter. */
export function insightT(t: Translate): Translate {
  return ((key: string | string[], ...rest: unknown[]) => {
    const own = typeof key === 'string' ? fieldKeys[key] : undefined;
    return (t as unknown as (k: string | string[], ...r: unknown[]) => string)(own ?? key, ...rest);
  }) as unknown as Translate;
}
