/**
 * Why a plan or a proposal is not valid: named reasons, so the UI, the API and the tests speak
 * the same words (STYLE.md habit 5), and one place for the wording of each message.
 */
export const PLANNING_REASONS = {
  /** No units to plan. */
  NO_UNITS: 'NO_UNITS',
  /** The band is not a range of households (min > max, target outside it, negative). */
  BAD_BAND: 'BAD_BAND',
  /** One unit alone holds more households than a grid may (units are never split). */
  UNIT_TOO_LARGE: 'UNIT_TOO_LARGE',
  /** The whole community holds fewer households than one grid needs. */
  COMMUNITY_TOO_SMALL: 'COMMUNITY_TOO_SMALL',
  /** Units cut off from the rest (no shared boundary) hold too few households for a grid. */
  DISCONNECTED: 'DISCONNECTED',
  /** The search found no contiguous grids in the band for these units (unit sizes, shape). */
  BAND_UNREACHABLE: 'BAND_UNREACHABLE',
  /** A grid is in pieces. */
  GRID_NOT_CONTIGUOUS: 'GRID_NOT_CONTIGUOUS',
  /** A grid holds fewer or more households than the band allows. */
  GRID_OUT_OF_BAND: 'GRID_OUT_OF_BAND',
  /** A unit belongs to no grid. */
  UNIT_UNASSIGNED: 'UNIT_UNASSIGNED',
  /** More grids than the 2-digit grid number of CJ/T 349 can code (99). */
  TOO_MANY_GRIDS: 'TOO_MANY_GRIDS',
  /** A community code is not 12 digits (6 county + 3 street + 3 community). */
  BAD_COMMUNITY_CODE: 'BAD_COMMUNITY_CODE',
} as const;
export type PlanningReason = (typeof PLANNING_REASONS)[keyof typeof PLANNING_REASONS];

/** A reason with the units it is about and a message naming them. */
export interface PlanningIssue {
  reason: PlanningReason;
  message: string;
  /** Units concerned (ids), for highlighting on the map. */
  units: string[];
  /** The grid concerned, when there is one. */
  grid?: string;
}

const list = (ids: string[], max = 5) => (ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`);

/** Message wording, one function per reason. */
export const MESSAGES = {
  noUnits: () => 'no units to plan',
  badBand: (min: number, max: number, target: number) => `band ${min}–${max} with target ${target} is not a range of households`,
  unitTooLarge: (unit: string, households: number, max: number) => `unit ${unit} alone holds ${households} households, above the ${max} limit of a grid`,
  communityTooSmall: (households: number, min: number) => `community has ${households} households: below one grid (${min})`,
  disconnected: (units: string[], households: number, min: number) =>
    `units ${list(units)} (${households} households) share no boundary with the rest and cannot reach ${min} households on their own`,
  bandUnreachable: (grid: string, households: number, min: number, max: number) =>
    `grid ${grid} has ${households} households and could not be brought into ${min}–${max} without splitting a unit or breaking contiguity`,
  notContiguous: (grid: string, pieces: number) => `grid ${grid} is in ${pieces} pieces`,
  outOfBand: (grid: string, households: number, min: number, max: number) =>
    `grid ${grid} has ${households} households, ${households < min ? `below the ${min}` : `above the ${max}`} limit`,
  unassigned: (units: string[]) => `units ${list(units)} belong to no grid`,
  tooManyGrids: (community: string, grids: number) => `community ${community} has ${grids} grids: the 2-digit grid number of CJ/T 349 codes at most 99`,
  badCommunityCode: (code: string) => `community code ${JSON.stringify(code)} is not 12 digits`,
};
