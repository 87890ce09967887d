/** Small formatting helpers of the audit screens. */
import { i18n } from '../lib/i18n.svelte';

/** Today's calendar day in Asia/Shanghai (UTC+8, no DST), as the server counts campaign days. */
export const shanghaiDay = (d = new Date()): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const m2 = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${i18n.n(v)} m²`);
export const yuan = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : i18n.t('au.yuan', { n: i18n.n(v) }));

/** A positive number from a form field, or null. */
export const num = (s: string | number | null | undefined): number | null => {
  if (s === null || s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** A `datetime-local` value for now, in the browser's time zone. */
export const localNow = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
