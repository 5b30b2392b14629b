import { z } from 'zod';
import { instant } from '../../platform/http/time-input.js';
import { backgroundVariables, questionTypes, type SurveyText } from './tables.js';

export const idParams = z.object({ id: z.uuid() });

/** A text as given: one string (the survey's Danish) or the languages it is written in. */
const text = (max: number) =>
  z
    .union([
      z.string().trim().min(1).max(max),
      z
        .object({ da: z.string().trim().max(max).optional(), sv: z.string().trim().max(max).optional(), en: z.string().trim().max(max).optional() })
        .strict()
        .refine((v) => Boolean(v.da || v.sv || v.en), { message: 'validation.required' }),
    ])
    .transform((v): SurveyText => (typeof v === 'string' ? { da: v } : Object.fromEntries(Object.entries(v).filter(([, s]) => s))));
const optionalText = (max: number) =>
  z
    .union([z.literal(''), text(max)])
    .nullish()
    .transform((v): SurveyText => (v ? v : {}));

/** Keys are what answers are stored under: short, lower case, stable. */
export const questionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'survey.key_format' });

const optionValue = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'survey.key_format' });

/** An option as a plain text (its value made from it) or with its own value. */
const option = z.union([text(200), z.object({ value: optionValue, label: text(200) }).strict()]);

const condition = z.object({ key: questionKey, values: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional() }).strict();

export const questionInput = z
  .object({
    key: questionKey,
    type: z.enum(questionTypes),
    text: text(500),
    help: optionalText(1000),
    section: optionalText(200),
    required: z.boolean().default(false),
    options: z.array(option).max(30).optional(),
    statements: z.array(z.union([text(300), z.object({ key: questionKey, label: text(300) }).strict()])).max(30).optional(),
    min: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    max: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    minLabel: optionalText(100),
    maxLabel: optionalText(100),
    condition: condition.nullish(),
  })
  .strict();
export type QuestionInput = z.output<typeof questionInput>;

const surveyFields = {
  unitId: z.uuid().optional(),
  title: text(200),
  intro: optionalText(5000),
  anonymous: z.boolean(),
  background: z.array(z.enum(backgroundVariables)).max(backgroundVariables.length).default([]),
  minGroup: z.number().int().min(3).max(100).optional(),
  questions: z.array(questionInput).min(1).max(100),
};

export const surveyInput = z.object(surveyFields).strict();
export type SurveyInput = z.output<typeof surveyInput>;

export const surveyPatch = z
  .object({
    title: surveyFields.title.optional(),
    intro: surveyFields.intro.optional(),
    anonymous: z.boolean().optional(),
    background: z.array(z.enum(backgroundVariables)).max(backgroundVariables.length).optional(),
    minGroup: surveyFields.minGroup,
    questions: surveyFields.questions.optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type SurveyPatch = z.output<typeof surveyPatch>;

export const waveInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    opensAt: instant,
    closesAt: instant,
    segmentId: z.uuid().nullish(),
    reminders: z.array(instant).max(2).default([]),
    invitation: z.object({ subject: text(200), body: text(10_000) }).strict().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'survey.closes_before_opens' });
    v.reminders.forEach((r, i) => {
      if (r <= v.opensAt || r >= v.closesAt) ctx.addIssue({ code: 'custom', path: ['reminders', i], message: 'survey.reminder_outside' });
    });
  });
export type WaveInput = z.output<typeof waveInput>;

export const wavePatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    closesAt: instant.optional(),
    reminders: z.array(instant).max(2).optional(),
  })
  .strict();
export type WavePatch = z.output<typeof wavePatch>;

/** Answers by question key; each value is checked against its question by the use case. */
export const answersInput = z.record(z.string().max(40), z.unknown());

export const responseInput = z
  .object({
    answers: answersInput,
    /** The personal link's token, when answering without signing in. */
    token: z.string().max(200).optional(),
  })
  .strict();
export type ResponseInput = z.output<typeof responseInput>;

export const tokenQuery = z.object({ token: z.string().max(200).optional() });

/** Filters of the results by the survey's declared background variables. */
export const resultsQuery = z
  .object({
    unit: z.uuid().optional(),
    membershipType: z.uuid().optional(),
    workplaceKind: z.string().max(40).optional(),
  })
  .strict();
export type ResultsQuery = z.output<typeof resultsQuery>;

export const trendQuery = z.object({ question: questionKey }).strict();
