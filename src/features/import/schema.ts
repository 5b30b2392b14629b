import { z } from 'zod';
import { MAX_IMPORT_BYTES } from './csv.js';

/** `?dryRun=true|false`; without it the API only reports, so a forgotten flag never writes. */
export const importQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .meta({ description: 'true (the default): only report what would happen; false: write it all, or nothing when any row has an error' }),
  })
  .strict();

const importError = z.object({
  row: z.number().int().nullable().meta({ description: 'The row as a spreadsheet numbers it (the header is row 1); null for the whole file' }),
  column: z.string().nullable().meta({ description: 'The column header as written in the file; null for the whole row or file' }),
  code: z.string().meta({ description: 'Stable code, e.g. import.invalid_email' }),
  message: z.string().meta({ description: 'In the language of Accept-Language' }),
});

export const importResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(importError),
  })
  .meta({ id: 'ImportResult', description: 'What the import did (or, in a dry run, would do); `errors` is empty when it succeeded' });

/** 422: the same counts and errors, as problem details (nothing was written). */
export const importProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    instance: z.string().optional(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(importError.extend({ path: z.string().meta({ description: '`row.column`, as in other problems' }) })),
  })
  .meta({ id: 'ImportProblem', description: 'application/problem+json: the file has errors and nothing was written' });

/**
 * The page's "apply" form sends back the file it dry-ran, gzipped and base64-encoded in a hidden
 * field: nothing is kept on the server between the two steps, and the bytes come back unchanged.
 */
export const applyForm = z
  .object({
    content: z
      .string()
      .min(1)
      .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4)
      .regex(/^[A-Za-z0-9+/]+=*$/),
  })
  .strict();
