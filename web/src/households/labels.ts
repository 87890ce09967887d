/** Labels for special groups and relations, which the data holds in Chinese. */
import { i18n, type MessageKey } from '../lib/i18n.svelte';

/** Special groups as stored (DOMAIN.md, Privacy) → the API's keys. */
const GROUP_KEYS: Record<string, string> = { 低保: 'low_income', 独居老人: 'elders_alone', 残疾人: 'disabled', 留守儿童: 'left_behind_children' };
const RELATION_KEYS: Record<string, string> = { 户主: 'head', 配偶: 'spouse', 子女: 'child', 父母: 'parent', 其他: 'other' };

function label(key: string, fallback: string): string {
  return i18n.has(key) ? i18n.t(key as MessageKey) : fallback;
}

/** @param key - the API's key (`low_income`), or the stored Chinese name (低保) */
export function groupLabel(keyOrName: string): string {
  const key = GROUP_KEYS[keyOrName] ?? keyOrName;
  return label(`groups.${key}`, keyOrName);
}

/** The key of a group (for colours): `low_income` for 低保. */
export function groupKey(keyOrName: string): string {
  return GROUP_KEYS[keyOrName] ?? keyOrName;
}

export function relationLabel(relation: string): string {
  const key = RELATION_KEYS[relation];
  return key ? label(`relation.${key}`, relation) : relation;
}
