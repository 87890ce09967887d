/** Shapes of the 两房一共 audit API (docs/API.md "两房一共 audits", server/audits/*.schema.ts). */
import type { FeatureCollection, Geometry, Point, Polygon } from 'geojson';

export interface AuditVocabItem {
  value: string;
  zh: string;
}
export interface AuditVocabulary {
  kinds: AuditVocabItem[];
  idleSubkinds: AuditVocabItem[];
  statuses: (AuditVocabItem & { colour: string })[];
  steps: AuditVocabItem[];
  outcomes: (AuditVocabItem & { status: string })[];
  compoundTypes: AuditVocabItem[];
  parties: AuditVocabItem[];
  pmRules: { id: string; zh: string; ratio: number; minM2: number | null; base: string }[];
  defaultPmRule: string;
  csrM2Per100Households: number;
  incomeCategories: (AuditVocabItem & { spending: boolean })[];
}

export interface Compound {
  id: number;
  ref: string | null;
  name: string;
  type: string;
  typeZh: string;
  propertyCompany: string | null;
  ownersCommittee: string | null;
  totalFloorAreaM2: number;
  aboveGroundAreaM2: number | null;
  pmRule: string;
  communityId: number;
  communityName: string;
  streetId: number;
  households: number;
  spaces: number;
}

export interface Space {
  id: number;
  ref: string | null;
  kind: string;
  kindZh: string;
  subkind: string | null;
  name: string;
  status: string;
  statusZh: string;
  colour: string;
  compoundId: number | null;
  compoundName: string | null;
  communityId: number | null;
  buildingId: number | null;
  floor: number;
  groundFloor: boolean;
  lift: boolean;
  stepFree: boolean;
  areaM2: number | null;
  measuredAreaM2: number | null;
  owner: string | null;
  custodian: string | null;
  currentUse: string | null;
  occupant: string | null;
  campaignId: number | null;
  campaignOpen: boolean;
  auditStage: 'agreed' | 'inspected' | 'found' | null;
  placeId: number | null;
  sitingCandidate: boolean;
  version: number;
  updatedAt: string | null;
  lon: number;
  lat: number;
}

export interface SpaceInput {
  compoundId: number;
  kind: string;
  subkind?: string | null;
  name: string;
  lon: number;
  lat: number;
  floor: number;
  lift: boolean;
  stepFree: boolean;
  areaM2: number;
  owner?: string | null;
  custodian?: string | null;
  currentUse?: string | null;
  occupant?: string | null;
  files?: string[];
}

export interface AuditEvidence {
  id: number;
  href: string;
}
export interface HistoryEntry {
  id: number;
  step: string;
  stepZh: string;
  at: string;
  actor: { id: number | null; name: string | null } | null;
  campaignId: number | null;
  statusFrom: string | null;
  statusTo: string | null;
  data: Record<string, unknown>;
  evidence: AuditEvidence[];
  corrects: number | null;
  correctedBy: number[];
  inForce: boolean;
  note: string | null;
}

export interface AuditFile {
  id: number;
  kind: 'photo' | 'document';
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  uploadedAt: string;
  href: string;
}

export interface SpaceProfile {
  space: Space;
  compound: Compound | null;
  resources: { areaM2: number | null; floor: number; lift: boolean; stepFree: boolean };
  place: { id: number; kind: string; name: string; openingHours: string | null; services: string[]; capacity: number | null } | null;
  demand: { householdsWithin500m: number; walk: { minutes: number; thresholdM: number; households: number; population: number; onNetwork: boolean } };
  files: AuditFile[];
  history: HistoryEntry[];
}

export interface AuditUpload {
  upload: string;
  id: number;
  kind: 'photo' | 'document';
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  expiresAt: string;
}

export interface Participant {
  party: string;
  name: string;
}
export interface Campaign {
  id: number;
  name: string;
  areaId: number;
  areaName: string;
  areaLevel: string;
  participants: Participant[];
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  createdAt: string;
  spaces: number;
  newLeads: number;
}
export interface CampaignInput {
  name: string;
  area: number;
  participants: Participant[];
  startsOn: string;
  endsOn: string;
}
export interface OpenCampaign {
  id: number;
  name: string;
  areaName: string;
  startsOn: string;
  endsOn: string;
  geometry: Geometry;
}

export interface Lead {
  id: number;
  campaignId: number;
  lon: number;
  lat: number;
  description: string;
  contact: string | null;
  anonymous: boolean;
  submittedAt: string;
  status: 'new' | 'accepted' | 'rejected' | 'duplicate';
  spaceId: number | null;
  triagedAt: string | null;
  triageNote: string | null;
  photos: AuditEvidence[];
}
export interface LeadInput {
  lon: number;
  lat: number;
  description: string;
  campaignId?: number;
  photo?: string;
  contact?: string;
}

export interface InspectionInput {
  inspector: string;
  at: string;
  lon: number;
  lat: number;
  accuracyM?: number;
  measuredAreaM2: number;
  currentUse: string;
  occupant?: string | null;
  photos?: string[];
  note?: string;
}
export interface FindingInput {
  outcome: string;
  date: string;
  reclaimedAreaM2?: number;
  incomeRecoveredYuan?: number;
  documents?: string[];
  documentIds?: number[];
  note?: string;
}
export interface CorrectionInput {
  corrects: number;
  data: Record<string, unknown>;
  note: string;
  documents?: string[];
}
export interface ConvertInput {
  placeKind: string;
  name?: string;
  openingHours?: string;
  capacity?: number;
}
export interface StepResult {
  entry: number;
  space: Space;
}

export interface StandardsRoom {
  id: number;
  name: string;
  status: string;
  countedM2?: number;
  reason?: string;
}
export interface StandardsLine {
  id: number;
  name: string;
  households: number;
  requiredM2: number;
  providedM2: number;
  shortfallM2: number;
  ok: boolean;
  colour: 'green' | 'red';
  counted: StandardsRoom[];
  excluded: StandardsRoom[];
}
export interface Standards {
  area: { id: number; name: string; level: string };
  rule: string | null;
  per100: number;
  compounds: (StandardsLine & { communityName: string; rule: string; ruleZh: string; totalFloorAreaM2: number; type: string })[];
  communities: (StandardsLine & { per100: number })[];
  totals: { compounds: number; compoundsRed: number; pmShortfallM2: number; communities: number; communitiesRed: number; csrShortfallM2: number };
}

export interface AuditReportTotals {
  spaces: number;
  findings: number;
  outcomes: Record<string, number>;
  reclaimedM2: number;
  yuanRecovered: number;
  arrearsRecoveredYuan: number;
  stationsCreated: number;
  stationsFromReclaimed: number;
  csrShortfallM2: number;
  pmShortfallM2: number;
  compoundsRed: number;
}
export interface AuditReport {
  area: { id: number; name: string; level: string };
  period: { from: string; to: string };
  totals: AuditReportTotals;
  spacesByKind: { kind: string; kindZh: string; counts: Record<string, number>; total: number }[];
  statuses: { status: string; statusZh: string }[];
  communities: ({ communityId: number | null; name: string } & Omit<AuditReportTotals, 'spaces' | 'outcomes' | 'compoundsRed'> & { compoundsRed: number })[];
  stations: { spaceId: number; placeId: number; name: string; placeKind: string; fromStatus: string; day: string }[];
}

export interface IncomeSummary {
  compound: { id: number; name: string; communityName: string; propertyCompany: string | null; ownersCommittee: string | null };
  years: {
    year: number;
    categories: { category: string; categoryZh: string; dueYuan: number; collectedYuan: number; arrearsRecoveredYuan: number; spentYuan: number }[];
    totals: { dueYuan: number; collectedYuan: number; arrearsRecoveredYuan: number; spentYuan: number; balanceYuan: number };
  }[];
}

/** POST /api/audits/compounds; PATCH takes the same fields but the outline, all optional. */
export interface CompoundInput {
  name: string;
  type: string;
  propertyCompany?: string | null;
  ownersCommittee?: string | null;
  totalFloorAreaM2: number;
  aboveGroundAreaM2?: number | null;
  pmRule?: string;
  geometry: Polygon;
}
export type CompoundPatch = Partial<Omit<CompoundInput, 'geometry'>>;

/** PATCH /api/audits/spaces/:id: the attributes to change and the version they were read at (409 when stale). */
export interface SpacePatch {
  version: number;
  kind?: string;
  subkind?: string | null;
  name?: string;
  floor?: number;
  lift?: boolean;
  stepFree?: boolean;
  areaM2?: number;
  measuredAreaM2?: number | null;
  owner?: string | null;
  custodian?: string | null;
  currentUse?: string | null;
  occupant?: string | null;
  note?: string;
}

/** One entry of a compound's income ledger (append-only; a correction replaces the entry it points at). */
export interface IncomeEntry {
  id: number;
  period: string;
  category: string;
  categoryZh: string;
  dueYuan: number;
  collectedYuan: number;
  arrearsRecoveredYuan: number;
  spentYuan: number;
  note: string | null;
  corrects: number | null;
  correctedBy: number | null;
  inForce: boolean;
  recordedBy: { id: number; name: string | null } | null;
  recordedAt: string;
}
export interface IncomeInput {
  /** YYYY-MM */
  period: string;
  category: string;
  dueYuan: number;
  collectedYuan: number;
  arrearsRecoveredYuan: number;
  spentYuan: number;
  note?: string;
  corrects?: number;
}

export interface SpaceFilter {
  area: number;
  kind?: string[];
  status?: string[];
  compound?: number | null;
  campaign?: number | null;
}

export type SpaceLayer = FeatureCollection<Point, { id: number; name: string; kind: string; kindZh: string; status: string; statusZh: string; colour: string; compoundId: number | null; areaM2: number | null; auditStage: string | null; sitingCandidate: boolean; placeId: number | null }>;
export type CompoundLayer = FeatureCollection<Geometry, Compound>;
