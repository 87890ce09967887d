import { z } from 'zod';
import { GRANTABLE_ROLES } from '../auth/permissions.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password.ts';
import { idSchema } from '../http/validate.ts';

export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,63}$/, 'must be 3–64 letters, digits, _ . or -, starting with a letter')
  .meta({ example: 'wang.wei' });
export const phoneSchema = z.string().regex(/^\+?[0-9]{5,20}$/, 'must be 5–20 digits, optionally with a leading +');
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const grantInput = z.object({
  role: z.enum(GRANTABLE_ROLES, { message: `must be one of ${GRANTABLE_ROLES.join(', ')}` }),
  areaId: idSchema.optional().meta({ description: 'jurisdiction (street, community or grid); required for staff roles' }),
  householdId: idSchema.optional().meta({ description: 'residents: their household' }),
});
export type GrantInput = z.infer<typeof grantInput>;

export const createUserBody = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100),
  phone: phoneSchema.optional(),
  password: passwordSchema,
  grants: z.array(grantInput).min(1, 'give at least one role').max(20),
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    phone: phoneSchema.nullable().optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one field to change' });

export const userParams = z.object({ id: idSchema });
export const grantParams = z.object({ id: idSchema, grantId: idSchema });

export const listUsersQuery = z.object({
  area: idSchema.optional().meta({ description: 'users with a grant in this area or below; required for admins with a jurisdiction' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
