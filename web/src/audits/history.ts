/** How history entries read: names of the data fields, and values in the current language. */
import { i18n } from '../lib/i18n.svelte';
import { vocab } from './vocab.svelte';

/** Fields not worth a line of their own (ids, coordinates are shown once). */
const HIDDEN = new Set(['compoundId', 'lon', 'lat', 'leadId', 'participants', 'viaLead', 'files', 'buildingId', 'footprint']);

export function dataLabel(key: string): string {
  const k = `au.data.${key}`;
  return i18n.has(k) ? i18n.t(k) : key;
}

export function dataValue(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return i18n.t(v ? 'au.yes' : 'au.no');
  if (key === 'outcome') return vocab.label('outcome', String(v));
  if (key === 'kind') return vocab.label('kind', String(v));
  if (key === 'fromStatus') return vocab.label('status', String(v));
  if (key === 'placeKind') return vocab.label('placeKind', String(v));
  if (/M2$/.test(key) && typeof v === 'number') return `${i18n.n(v)} m²`;
  if (/Yuan$/.test(key) && typeof v === 'number') return i18n.t('au.yuan', { n: i18n.n(v) });
  if (key === 'at' || key === 'submittedAt') return i18n.dateTime(String(v));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function dataLines(data: Record<string, unknown>): { key: string; label: string; value: string }[] {
  return Object.entries(data)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => ({ key: k, label: dataLabel(k), value: dataValue(k, v) }));
}
