import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export const loginLinkForm = z.object({
  email: z.email().max(254),
  next: z.string().max(500).optional(),
});

export const passwordLoginForm = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1000),
  next: z.string().max(500).optional(),
});

export const setPasswordForm = z
  .object({
    currentPassword: z.string().max(1000).optional(),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1000),
    confirmPassword: z.string().max(1000),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'auth.passwords_differ' });

/** A code from the authenticator app: six digits; the space some apps show in the middle ("123 456") is ignored. */
const totpCode = z
  .string()
  .min(1)
  .max(20)
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'two_factor.code_format'));

export const totpCodeForm = z.object({ totpCode });

export const secondFactorCodeForm = z.object({ totpCode, next: z.string().max(500).optional() });

export const secondFactorRecoveryForm = z.object({ recoveryCode: z.string().trim().min(1).max(40), next: z.string().max(500).optional() });

/** Turning two-factor off takes a code from the app or a recovery code, in one field. */
export const disableTwoFactorForm = z.object({ totpCode: z.string().trim().min(1).max(40) });
