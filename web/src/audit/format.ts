/** Labels for audit entries: the action, its target and a short summary of its details. */
import { roleLabel } from '../auth/roles';
import type { AuditEntry } from '../lib/api';
import { i18n, type MessageKey } from '../lib/i18n.svelte';

export function actionLabel(action: string): string {
  const key = `auditAction.${action}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : action;
}

/** "账号 #12 (wang.wei)", "区域 第1网格", "住户 #396". */
export function targetLabel(e: AuditEntry, areaName: (id: number) => string | undefined): string {
  if (e.targetId === null) return '—';
  if (e.targetType === 'area') return areaName(Number(e.targetId)) ?? i18n.t('audit.target.area', { id: e.targetId });
  if (e.targetType === 'user') {
    const name = typeof e.details.username === 'string' ? ` (${e.details.username})` : '';
    return i18n.t('audit.target.user', { id: e.targetId }) + name;
  }
  if (e.targetType === 'household') return i18n.t('audit.target.household', { id: e.targetId });
  return `${e.targetType ?? ''} #${e.targetId}`;
}

/** A few words from the details: how many records, which role. */
export function detailsSummary(e: AuditEntry): string {
  const parts: string[] = [];
  const d = e.details;
  if (typeof d.role === 'string') parts.push(roleLabel(d.role));
  if (typeof d.count === 'number') parts.push(i18n.t('audit.detail.count', { n: d.count }));
  if (Array.isArray(d.fields)) parts.push(d.fields.join(', '));
  return parts.join(' · ');
}
