/**
 * What a grant needs, as docs/API.md describes it, so the form asks only for what applies:
 * staff roles are bound to a street, community or grid; a rider has no area; an admin without an
 * area covers everything; a resident names the compound (any level). The server checks again.
 */
import type { AreaLevel, GrantableRole } from '../lib/api';

export type AreaRule = 'required' | 'optional' | 'none';

export function areaRule(role: GrantableRole): AreaRule {
  if (role === 'rider') return 'none';
  if (role === 'admin') return 'optional';
  return 'required';
}

export function areaLevels(role: GrantableRole): readonly AreaLevel[] {
  return role === 'resident' ? ['street', 'community', 'grid', 'unit'] : ['street', 'community', 'grid'];
}
