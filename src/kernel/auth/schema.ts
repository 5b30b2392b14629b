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
