import { z } from 'zod';
import { emailField, msg, optionalIntField, requiredText } from '#app/utils/forms';

const currentYear = new Date().getUTCFullYear();

export const passwordField = z
  .string({ error: msg('errors.required') })
  .min(1, msg('errors.required'))
  .min(10, msg('errors.tooShort', { min: 10 }))
  .max(200, msg('errors.tooLong', { max: 200 }));

export const registerSchema = z.object({
  name: requiredText(100),
  email: emailField(),
  password: passwordField,
});

export const signInSchema = z.object({
  email: emailField(),
  password: z.string({ error: msg('errors.required') }).min(1, msg('errors.required')).max(200, msg('errors.tooLong', { max: 200 })),
});

export const forgotPasswordSchema = z.object({ email: emailField() });
export const resetPasswordSchema = z.object({ password: passwordField });
export const changePasswordSchema = z.object({
  // Absent for an account that has no password yet (made through the city's identity provider).
  currentPassword: z.string().max(200, msg('errors.tooLong', { max: 200 })).optional(),
  newPassword: passwordField,
});

export const blockAccountSchema = z.object({ userId: z.uuid(msg('errors.invalid')), reason: requiredText(500) });
export const unblockAccountSchema = z.object({ userId: z.uuid(msg('errors.invalid')) });

export const signOutDeviceSchema = z.object({ session: z.string().regex(/^[A-Za-z0-9_-]{22}$/, msg('errors.choice')) });

export const profileSchema = z.object({
  name: requiredText(100),
  districtId: optionalIntField(1, 1_000_000),
  birthYear: optionalIntField(1900, currentYear),
  locale: z.enum(['ru', 'en'], { error: msg('errors.choice') }),
});

export const staffRoles = ['moderator', 'expert', 'department', 'arbiter', 'admin', 'consultant'] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Role = 'resident' | StaffRole;

export const grantRoleSchema = z
  .object({
    userId: z.uuid(msg('errors.invalid')),
    role: z.enum(staffRoles, { error: msg('errors.choice') }),
    departmentId: optionalIntField(1, 1_000_000),
    projectId: optionalIntField(1, 1_000_000_000),
    centreId: optionalIntField(1, 2_147_483_647),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'consultant' && !v.centreId) ctx.addIssue({ code: 'custom', path: ['centreId'], message: msg('admin.centreRequired') });
    if (v.role === 'department' && !v.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: msg('admin.scopeRequired') });
    if (v.role === 'expert' && !v.projectId) ctx.addIssue({ code: 'custom', path: ['projectId'], message: msg('admin.projectRequired') });
  });

export const revokeRoleSchema = z.object({ grantId: z.uuid(msg('errors.invalid')) });
export const verifySchema = z.object({ userId: z.uuid(msg('errors.invalid')), verified: z.enum(['true', 'false']).transform((v) => v === 'true') });

/** "Delete my account": the person ticks that they understand; a password account also gives its password. */
export const deleteAccountSchema = z.object({
  understood: z.literal('yes', { error: msg('cabinet.deleteUnderstood') }),
  password: z.string().max(200, msg('errors.tooLong', { max: 200 })).optional().transform((v) => v || undefined),
});

/** Which topics to be e-mailed about: the boxes ticked (none ticked is allowed: in-app notices only). */
export const emailPreferencesSchema = z.object({
  topics: z.array(z.enum(['reports', 'ideas', 'votes'], { error: msg('errors.choice') })).max(3, msg('errors.choice')),
});

/** A printed sign-in code from a service centre (ADR 048): letters and digits, dashes and spaces as typed. */
export const accessCodeSchema = z.object({
  code: z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .max(40, msg('errors.tooLong', { max: 40 }))
    .regex(/^[0-9A-Za-z\s-]+$/, msg('auth.codeUnknown')),
});

/** An e-mail added in the cabinet by a person registered at a centre without one (ADR 048). */
export const addEmailSchema = z.object({ email: emailField() });
