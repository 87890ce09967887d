/** Number formats of the circle panel, in the current language. */
import { i18n } from '../lib/i18n.svelte';

/** 0.9041 → "90.4%"; null (no households) → "–". */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return new Intl.NumberFormat(i18n.lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** Minutes with one decimal. */
export function minutes(value: number): string {
  return new Intl.NumberFormat(i18n.lang, { maximumFractionDigits: 1 }).format(value);
}
