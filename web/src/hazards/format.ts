/** Labels and error texts of the hazard screens in the current language. */
import { ApiError } from '../lib/api/http';
import type { HazardState } from '../lib/api/hazards-types';
import { errorText } from '../lib/error-text';
import { i18n, type MessageKey } from '../lib/i18n.svelte';

/** A label by a key built from data (`hz.state.<state>`), the raw value when unknown. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : value;
}

export const stateLabel = (s: HazardState | string) => label('hz.state', s);

/** State colours on the map and in badges (open: warm, done: green/grey). */
export const STATE_COLORS: Record<HazardState, string> = {
  submitted: '#e65100',
  verified: '#f9a825',
  in_progress: '#1565c0',
  escalated: '#6a1b9a',
  resolved: '#2e7d32',
  closed: '#558b2f',
  published: '#00796b',
  rejected: '#9e9e9e',
  duplicate: '#9e9e9e',
};

/**
 * An API error for people. A 409 names the transitions the server allows in the case's state;
 * a refused photo says why.
 */
export function hazardError(err: unknown): string {
  if (err instanceof ApiError && err.status === 409) {
    const allowed = (err.details as { allowed?: string[] } | undefined)?.allowed;
    if (allowed) return `${i18n.t('hz.error.conflict', { allowed: allowed.map((a) => label('hz.action', a)).join('、') || '—' })} — ${err.message}`;
  }
  if (err instanceof ApiError && (err.code.startsWith('IMAGE_') || err.status === 413)) return i18n.t('hz.error.photo', { message: err.message });
  return errorText(err);
}

/** Minutes or hours with one decimal, or a dash. */
export const figure = (v: number | null) => (v === null ? '—' : i18n.n(v));

/**
 * A category's name: the server's (configurable, Chinese) in Chinese; in English the translation
 * of a seeded category where there is one.
 */
export function categoryLabel(code: string, name: string): string {
  const key = `hz.cat.${code}`;
  return i18n.lang === 'en' && i18n.has(key) ? i18n.t(key) : name;
}
