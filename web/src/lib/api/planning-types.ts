/** Shapes of the grid-planning API (server/planning/planning.routes.ts, issue 8). */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface DraftScope {
  id: number;
  level: 'community' | 'street';
  code: string;
  name: string;
}

export interface DraftInfo {
  id: number;
  name: string;
  status: 'open' | 'published' | string;
  headVersion: number;
  createdBy: number | null;
  createdAt: string;
  scope: DraftScope;
}

export interface PlanUnitProps {
  id: number;
  code: string;
  /** grid label in this version, null when unassigned */
  grid: string | null;
  /** the unit's grid code on the live map */
  liveGrid: string;
  community: string;
  households: number;
  population: number;
}

export type PlanUnitFeature = Feature<Polygon | MultiPolygon | null, PlanUnitProps>;

export interface PlanningIssue {
  reason: string;
  message: string;
  units: string[];
  grid?: string;
  households?: number;
}

export interface ServerGridQuality {
  id: string;
  households: number;
  population: number;
  units: number;
  band: 'under' | 'in' | 'over';
  deviation: number;
  pieces: number;
  polsbyPopper: number;
}

export interface DraftDetail {
  draft: DraftInfo;
  version: { version: number; source: string; note: string | null; authorId: number | null; createdAt: string; locked: string[] };
  band: [number, number];
  unitBand: [number, number];
  units: { type: 'FeatureCollection'; features: PlanUnitFeature[] };
  /** unit id → grid label */
  assignments: Record<string, string>;
  valid: boolean;
  reason: string | null;
  issues: PlanningIssue[];
  grids: ServerGridQuality[];
}

export interface DraftVersionInfo {
  version: number;
  source: string;
  note: string | null;
  createdAt: string;
  [k: string]: unknown;
}

export interface SaveResult {
  draft: number;
  version: number;
  baseVersion: number;
  changed: number;
}

/** 409 details of a stale save. */
export interface StaleDetails {
  headVersion: number;
  baseVersion: number;
  changedUnits: { unit: number; code: string | null; from: string | null; to: string | null }[];
}

export interface ProposeInput {
  baseVersion: number;
  mode: 'fresh' | 'least_change';
  band?: [number, number];
  keepInvalid?: boolean;
}

export interface ProposeResult extends SaveResult {
  valid: boolean;
  reason: string | null;
  issues: PlanningIssue[];
  grids: number;
  kept?: number;
}

export interface ValidationResult {
  draft: number;
  version: number;
  band: [number, number];
  valid: boolean;
  reason: string | null;
  issues: PlanningIssue[];
  grids: ServerGridQuality[];
}

export interface PublishResult {
  draft: number;
  version: number;
  communities: { community: { id: number; code: string; name: string }; version: number; movedHouseholds?: number; grids: { code: string; label: string }[] }[];
}

export interface PublishedVersion {
  version: number;
  kind: string;
  live: boolean;
  validFrom: string;
  validTo: string | null;
  grids: number;
  draftId: number | null;
  draftVersion: number | null;
  rollbackOf: number | null;
  reasons: Record<string, string> | null;
  publishedBy: string | null;
}

export interface DiffResult {
  grids: { before: number; after: number; changed: number };
  boundaries: FeatureCollection<Polygon | MultiPolygon, { side: 'before' | 'after'; grid: string; status: 'unchanged' | 'changed' | 'replaced' }>;
  units: { unit: number; code: string | null; from: string; to: string }[];
  households: { count: number; list: { code: string; unit: string; from: string; to: string }[] | null };
  peopleToReassign: { id: number; role: string; name: string; grid: string }[];
}

export const EXPORT_FORMATS = ['geojson', 'shp', 'gpkg', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
