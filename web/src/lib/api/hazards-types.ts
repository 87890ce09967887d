/** Types of the hazard-report API (docs/API.md, issue 7). */
import type { FeatureCollection, Point } from 'geojson';

export const HAZARD_STATES = ['submitted', 'verified', 'rejected', 'duplicate', 'in_progress', 'escalated', 'resolved', 'closed', 'published'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];
/** Still waiting for work (server/hazards/hazard.workflow.ts OPEN_STATES). */
export const HAZARD_OPEN_STATES: readonly HazardState[] = ['submitted', 'verified', 'in_progress', 'escalated'];
export type HazardPriority = 'emergency' | 'urgent' | 'normal';
export type EscalationLevel = 'community' | 'street' | 'department';
export const HAZARD_TRANSITIONS = ['verify', 'reject', 'mark_duplicate', 'start', 'escalate', 'resolve', 'close', 'publish', 'reopen'] as const;
export type HazardTransition = (typeof HAZARD_TRANSITIONS)[number];

export interface HazardField {
  key: string;
  label: string;
  /** English label, when the category config has one. */
  labelEn?: string;
  type: 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'enum';
  required: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: { value: string; label: string; labelEn?: string }[];
}

export interface HazardCategory {
  code: string;
  name: string;
  eventClass: string;
  priority: HazardPriority;
  points: number;
  fields: HazardField[];
  active: boolean;
  sort: number;
}

export interface HazardLocationInput {
  lon?: number;
  lat?: number;
  buildingId?: number;
}

export interface HazardReportInput {
  category: string;
  description: string;
  location: { lon: number; lat: number } | { buildingId: number };
  details?: Record<string, unknown>;
  emergency?: boolean;
  contact?: { name?: string; phone?: string };
  photos?: string[];
}

export interface HazardSla {
  overdue: string[];
  late: string[];
  nextDue: { stage: string; at: string } | null;
  respondDueAt: string | null;
  onSiteDueAt: string | null;
  resolveDueAt: string | null;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
}

export interface HazardTimelineEntry {
  at: string;
  kind: string;
  fromState: HazardState | null;
  toState: HazardState | null;
  actorRole: string | null;
  note: string | null;
  actor?: { id: number; name: string } | null;
  data?: Record<string, unknown>;
}

export interface HazardPhoto {
  id: number;
  kind: 'report' | 'evidence' | null;
  width: number;
  height: number;
  url: string;
}

/** A case as the caller may see it: public, the reporter's (by follow link) or staff. */
export interface HazardCase {
  view: 'public' | 'reporter' | 'staff';
  id: number;
  category: { code: string; name: string; eventClass: string };
  state: HazardState;
  priority: HazardPriority;
  description: string;
  reportedAt: string;
  updatedAt: string;
  location: { lon: number; lat: number };
  grid: { id: number; code: string; name: string } | null;
  community: { id: number; name: string } | null;
  street: { id: number; code: string; name: string } | null;
  duplicateOf: number | null;
  escalation: { level: EscalationLevel; agency: string | null } | null;
  meToo: number;
  sla: HazardSla;
  photos: HazardPhoto[];
  timeline: HazardTimelineEntry[];
  details?: Record<string, unknown>;
  contact?: { name: string | null; phone: string | null };
  reporter?: { id: number; name: string } | null;
  hidden?: boolean;
}

/** A queue / list row: the public summary (staff: unredacted description) + overdue. */
export type HazardSummary = Omit<HazardCase, 'view' | 'photos' | 'timeline'> & { overdue?: boolean; hidden?: boolean; /** How many times the case was flagged (moderation). */ flags?: number };

export interface HazardPointProps {
  id: number;
  category: string;
  state: HazardState;
  priority: HazardPriority;
  overdue: boolean;
  meToo: number;
  reportedAt: string;
}
export type HazardLayer = FeatureCollection<Point, HazardPointProps> & { truncated: boolean };

export interface HazardCountProps {
  id: number;
  code: string;
  name: string;
  level: 'street' | 'community' | 'grid';
  total: number;
  open: number;
  overdue: number;
}
export type HazardCounts = FeatureCollection<Point, HazardCountProps>;

export interface HazardNearby {
  radiusM: number;
  cases: { id: number; category: string; state: HazardState; description: string; reportedAt: string; meToo: number; location: { lon: number; lat: number }; distanceM: number }[];
}

export interface HazardUpload {
  upload: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  removed: string[];
  expiresAt: string;
}

export interface HazardFiled {
  id: number;
  followToken: string;
  followPath: string;
  held: boolean;
  case: HazardCase;
}

export interface HazardEventInput {
  action: HazardTransition | 'note';
  note?: string;
  level?: EscalationLevel;
  agency?: string;
  duplicateOf?: number;
  evidence?: string[];
}

export interface HazardFigures {
  reported: number;
  pending: number;
  invalid: number;
  duplicates: number;
  found: number;
  solvedLocally: number;
  escalated: number;
  inGrid: number;
  escalatedTo: { community: number; street: number; department: number };
  resolved: number;
  open: number;
  overdue: number;
  medianRespondMin: number | null;
  medianOnSiteMin: number | null;
  medianResolveH: number | null;
}

export interface HazardDashboard {
  area: { id: number; name: string; level: string; code?: string };
  period: { from: string | null; to: string | null };
  asOf: string;
  totals: HazardFigures;
  children: ({ area: { id: number; name: string; level: string; code?: string } } & HazardFigures)[];
  outsideChildren?: HazardFigures;
}

export interface HazardFilter {
  category?: readonly string[];
  state?: readonly HazardState[];
  from?: string;
  to?: string;
}

/** `GET /api/hazards/mine`: the logged-in reporter's own cases (summaries, newest first). */
export interface HazardMine {
  cases: HazardSummary[];
}

/** `GET /api/hazards/points`: the ledger (积分) and its totals per month (Asia/Shanghai). */
export interface HazardPoints {
  total: number;
  months: { month: string; points: number; cases: number }[];
  entries: { id: number; at: string; hazardId: number; category: string; points: number; reason: string }[];
}

export const MODERATION_ACTIONS = ['unhide', 'hide', 'dismiss'] as const;
export type HazardModerationAction = (typeof MODERATION_ACTIONS)[number];
