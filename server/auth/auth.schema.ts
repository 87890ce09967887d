import { z } from 'zod';
import { PASSWORD_MAX } from './password.ts';

export const loginBody = z.object({
  login: z.string().trim().min(1, 'must not be empty').max(100, 'is longer than 100 characters').meta({ description: 'user name or phone', example: 'demo-grid_worker' }),
  password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX, `is longer than ${PASSWORD_MAX} characters`),
});
