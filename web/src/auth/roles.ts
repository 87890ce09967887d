/** Role and grant labels in the current language; roles the client does not know show as sent. */
import type { Grant } from '../lib/api';
import { i18n } from '../lib/i18n.svelte';

export function roleLabel(role: string): string {
  const key = `grantRole.${role}`;
  return i18n.has(key) ? i18n.t(key) : role;
}

/** "网格员 · 第1网格"; an admin without an area: "管理员 · 全部辖区"; a rider: just the role. */
export function grantLabel(g: Pick<Grant, 'role' | 'area' | 'householdId'>): string {
  const role = roleLabel(g.role);
  if (g.area) return i18n.t('grant.label', { role, area: g.area.name });
  if (g.householdId !== null) return i18n.t('grant.label', { role, area: i18n.t('audit.target.household', { id: g.householdId }) });
  return g.role === 'admin' ? i18n.t('grant.label', { role, area: i18n.t('auth.everywhere') }) : role;
}
