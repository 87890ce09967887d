/**
 * The audit screens by hash: `#/audits` (staff screen, tabs), `#/audits/register`, `#/audits/space/<id>`
 * (一档一册), `#/leads` (public 居民提 page), `#/income/<compoundId>` (public income summary).
 */
export type AuditsView =
  | { kind: 'staff'; tab: 'register' | null }
  | { kind: 'space'; id: number }
  | { kind: 'leads' }
  | { kind: 'income'; id: number };

/** Pure: the view a hash names (anything else → the staff screen). */
export function parseAuditsHash(hash: string): AuditsView {
  let m = /^#\/audits\/space\/(\d{1,10})\/?$/.exec(hash);
  if (m) return { kind: 'space', id: Number(m[1]) };
  m = /^#\/income\/(\d{1,10})\/?$/.exec(hash);
  if (m) return { kind: 'income', id: Number(m[1]) };
  if (/^#\/leads\/?$/.test(hash)) return { kind: 'leads' };
  return { kind: 'staff', tab: /^#\/audits\/register\/?$/.test(hash) ? 'register' : null };
}

export const spaceHref = (id: number) => `#/audits/space/${id}`;
export const incomeHref = (compoundId: number) => `#/income/${compoundId}`;
export const staffHref = '#/audits';
export const leadsHref = '#/leads';
