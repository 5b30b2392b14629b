import { describe, expect, it } from 'vitest';
import { locales, translator } from '../../platform/i18n/i18n.js';
import { audiences } from './tables.js';
import { audienceLabel } from './labels.js';
import { registrationAnswers } from './outcomes.js';

describe("the events' written-out keys", () => {
  it('label every audience in every language', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const audience of audiences) expect(t(audienceLabel[audience]), `${locale} ${audience}`).not.toBe(audienceLabel[audience]);
    }
  });

  it('answer every refused registration with a translated code', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const answer of Object.values(registrationAnswers('email'))) expect(t(answer.code, { field: 'x' }), `${locale} ${answer.code}`).not.toBe(answer.code);
    }
  });
});
