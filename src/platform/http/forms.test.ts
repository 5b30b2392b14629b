import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldError, fieldErrorsFromZod } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import { evenWithFieldErrors, mergeFieldErrors, numberFromText, validParts } from './forms.js';

const da = translator('da');
const en = translator('en');

describe('numbers typed into a form', () => {
  const participants = z.object({ participants: z.number().int().min(1).max(500).nullable() });
  const messageFor = (typed: string, t = da) => {
    const r = participants.safeParse({ participants: numberFromText(typed) });
    return r.success ? null : fieldErrorsFromZod(r.error, t).map((e) => [e.code, e.message])[0];
  };

  it('reads what people type and lets the schema say what is wrong, never "wrong type"', () => {
    expect(messageFor('-5')).toEqual(['validation.too_small', 'Deltagere skal være mindst 1.']);
    expect(messageFor('12,5')).toEqual(['validation.not_whole_number', 'Deltagere skal være et helt tal uden decimaler.']);
    expect(messageFor('12.5', en)).toEqual(['validation.not_whole_number', 'Participants must be a whole number, without decimals.']);
    expect(messageFor('mange')).toEqual(['validation.not_a_number', 'Deltagere skal være et tal, fx 12.']);
    expect(messageFor('501')).toEqual(['validation.too_big', 'Deltagere må højst være 500.']);
    expect(messageFor(' 42 ')).toBeNull();
    expect(numberFromText('')).toBeNull();
  });

  it('does not guess whether "1.000" is a thousand or one', () => {
    expect(numberFromText('1.000')).toBe('1.000');
    expect(numberFromText('1,000')).toBe('1,000');
    expect(messageFor('1.000')?.[0]).toBe('validation.not_a_number');
  });
});

describe('a form with several problems', () => {
  const schema = z
    .object({ email: z.email(), count: z.number().int(), from: z.string(), to: z.string() })
    .superRefine((v, ctx) => {
      if (typeof v.from === 'string' && typeof v.to === 'string' && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'validation.invalid' });
    }, evenWithFieldErrors);

  it('runs the rules between fields even when a field is of the wrong type', () => {
    const r = schema.safeParse({ email: 'x', count: 'many', from: 'b', to: 'a' });
    expect(r.success ? [] : fieldErrorsFromZod(r.error, da).map((e) => e.path)).toEqual(['email', 'count', 'to']);
  });

  it('hands the use case the parts that are valid on their own', () => {
    expect(validParts(schema, { email: 'a@example.org', count: 'many', from: 'b' })).toEqual({ email: 'a@example.org', from: 'b' });
    expect(validParts(schema, null)).toEqual({});
  });

  it('shows one error per field, the first one found', () => {
    const a = fieldError(da, 'email', 'validation.invalid_email');
    const b = fieldError(da, 'email', 'member.email_taken');
    const c = fieldError(da, 'unitId', 'member.unit_not_found');
    expect(mergeFieldErrors([a], [b, c])).toEqual([a, c]);
  });
});
