import { z } from 'zod';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(100, 'is longer than 100 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
