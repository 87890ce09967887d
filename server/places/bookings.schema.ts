/** One zod schema per room, booking, activity and registration endpoint. */
import { z } from 'zod';
import { idSchema } from '../http/validate.ts';

const time = (name: string) =>
  z.iso.datetime({ offset: true, message: `${name} must be an ISO 8601 time with offset, e.g. 2026-11-21T09:00:00+08:00` }).transform((s) => new Date(s));

const endAfterStart = { message: 'end must be after start', path: ['end'] };
const afterStart = (b: { start: Date; end: Date }) => b.end.getTime() > b.start.getTime();

export const idParams = z.object({ id: idSchema });

export const createRoomBody = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  capacity: z.number({ message: 'capacity must be a number of people' }).int().min(1).max(10000),
}).strict();

export const calendarQuery = z.object({
  from: time('from').optional().meta({ description: 'default now' }),
  to: time('to').optional().meta({ description: 'default from + 7 days; at most 62 days after from' }),
});

export const bookingBody = z.object({
  start: time('start'),
  end: time('end'),
  purpose: z.string().trim().max(200).nullable().default(null),
}).strict().refine(afterStart, endAfterStart);
export type BookingBody = z.infer<typeof bookingBody>;

export const activityBody = z.object({
  start: time('start'),
  end: time('end'),
  title: z.string().trim().min(1, 'title must not be empty').max(200),
  description: z.string().trim().max(4000).nullable().default(null),
  capacity: z.number({ message: 'capacity must be a number of people' }).int().min(1).max(100000),
  roomId: idSchema.optional().meta({ description: 'book this room of the place for the activity (409 if taken)' }),
}).strict().refine(afterStart, endAfterStart);
export type ActivityBody = z.infer<typeof activityBody>;

export const registrationBody = z.object({
  waitlist: z.boolean().default(true).meta({ description: 'when full: join the waiting list (default) or refuse with 409' }),
}).strict();
