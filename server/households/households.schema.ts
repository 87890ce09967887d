import { z } from 'zod';
import { idSchema } from '../http/validate.ts';

export const areaParams = z.object({ id: idSchema });
export const householdParams = z.object({ id: idSchema });

export const listHouseholdsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Special groups (DOMAIN.md, Privacy) as stored in `household_members.groups`. */
export const SPECIAL_GROUPS = [
  { key: 'low_income', name: '低保' },
  { key: 'elders_alone', name: '独居老人' },
  { key: 'disabled', name: '残疾人' },
  { key: 'left_behind_children', name: '留守儿童' },
] as const;

/** Counts below this are shown as "<5" to the public (small-cell suppression). */
export const SMALL_COUNT = 5;
