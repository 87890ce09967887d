/** Kysely table types (snake_case columns, as in the migrations). Geometry columns are opaque. */
import type { Generated } from 'kysely';

type Geom = unknown;

export interface AreasTable {
  id: Generated<number>;
  level: 'street' | 'community' | 'grid' | 'unit';
  code: string;
  name: string;
  parent_id: number | null;
  geom: Geom;
  households: Generated<number>;
  population: Generated<number>;
  units: Generated<number>;
  created_at: Generated<Date>;
}

export interface BuildingsTable {
  id: Generated<number>;
  ref: string;
  osm_id: number | null;
  name: string | null;
  use: string;
  floors: number;
  height_m: number | null;
  households: number;
  address: string | null;
  unit_id: number | null;
  geom: Geom;
}

export interface HouseholdsTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  building_id: number | null;
  room: string | null;
  size: number;
}

export interface HouseholdMembersTable {
  id: Generated<number>;
  household_id: number;
  name: string;
  relation: string;
  birth_year: number | null;
  phone: string | null;
  groups: string[];
}

export interface ResponsiblePeopleTable {
  id: Generated<number>;
  area_id: number;
  role: 'grid_leader' | 'grid_worker' | 'party_secretary' | 'building_leader' | 'central_household';
  name: string;
  phone: string | null;
  household_id: number | null;
}

export interface CentralHouseholdLinksTable {
  person_id: number;
  household_id: number;
}

/** Road-edge changes (migration 0010), read by the walking-graph store to splice its graphs. */
export interface RoadEdgeLogTable {
  rev: Generated<string>;
  tag: Generated<string>;
  op: 'baseline' | 'insert' | 'update' | 'delete' | 'truncate';
  edge_id: number | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  at: Generated<Date>;
}

export interface RoadEdgesTable {
  id: number;
  osm_id: number | null;
  highway: string;
  name: string | null;
  walkable: boolean;
  bridge: boolean;
  tunnel: boolean;
  length_m: number;
  source: number;
  target: number;
  geom: Geom;
}

export interface PlacesTable {
  id: Generated<number>;
  ref: string | null;
  kind: string;
  name: string;
  osm_id: number | null;
  opening_hours: string | null;
  floor: number;
  lift: boolean;
  step_free: boolean;
  services: string[];
  anchor: string | null;
  geom: Geom;
  contact: string | null;
  capacity: number | null;
  photos: Generated<string[]>;
  /** The area it serves (default: the grid it stands in). */
  area_id: number | null;
  updated_at: Generated<Date>;
  updated_by: number | null;
  /** Optimistic concurrency: bumped by the database on every update. */
  version: Generated<number>;
}

export interface PlaceHistoryTable {
  id: Generated<number>;
  place_id: number;
  version: number;
  /** The replaced row (geometry as GeoJSON). */
  row: unknown;
  replaced_at: Generated<Date>;
}

export interface RoomsTable {
  id: Generated<number>;
  place_id: number;
  name: string;
  capacity: number;
  created_at: Generated<Date>;
}

export interface BookingsTable {
  id: Generated<number>;
  room_id: number;
  user_id: number;
  /** tstzrange [start, end) */
  during: string;
  purpose: string | null;
  status: Generated<'active' | 'cancelled'>;
  created_at: Generated<Date>;
  cancelled_at: Date | null;
  cancelled_by: number | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  place_id: number;
  room_id: number | null;
  booking_id: number | null;
  title: string;
  description: string | null;
  /** tstzrange [start, end) */
  during: string;
  capacity: number;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface RegistrationsTable {
  id: Generated<number>;
  activity_id: number;
  user_id: number;
  status: 'registered' | 'waitlisted' | 'cancelled';
  created_at: Generated<Date>;
  promoted_at: Date | null;
  cancelled_at: Date | null;
}

export interface PoisTable {
  id: Generated<number>;
  osm_id: number | null;
  kind: string;
  name: string | null;
  geom: Geom;
}

export interface SpacesTable {
  id: Generated<number>;
  ref: string | null;
  kind: string;
  subkind: string | null;
  name: string;
  area_m2: number | null;
  floor: number;
  lift: boolean;
  step_free: boolean;
  status: string;
  building_id: number | null;
  geom: Geom;
  // Migration 0006 (audits): `area_m2` is the declared area.
  compound_id: number | null;
  footprint: Geom | null;
  measured_area_m2: number | null;
  owner: string | null;
  custodian: string | null;
  current_use: string | null;
  occupant: string | null;
  campaign_id: number | null;
  audit_stage: 'agreed' | 'inspected' | 'found' | null;
  place_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 两房一共 (migration 0006). */
export interface CompoundsTable {
  id: Generated<number>;
  ref: string | null;
  name: string;
  type: 'commercial' | 'old' | 'resettlement';
  property_company: string | null;
  owners_committee: string | null;
  total_floor_area_m2: number;
  above_ground_area_m2: number | null;
  pm_rule: Generated<string>;
  community_id: number;
  geom: Geom;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AuditCampaignsTable {
  id: Generated<number>;
  name: string;
  area_id: number;
  participants: unknown;
  starts_on: string | Date;
  ends_on: string | Date;
  status: Generated<'open' | 'closed'>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface AuditLeadsTable {
  id: Generated<number>;
  campaign_id: number;
  geom: Geom;
  description: string;
  contact: string | null;
  reporter_id: number | null;
  submitted_at: Date;
  status: Generated<'new' | 'accepted' | 'rejected' | 'duplicate'>;
  space_id: number | null;
  triaged_by: number | null;
  triaged_at: Date | null;
  triage_note: string | null;
}

export interface SpaceEventsTable {
  id: Generated<number>;
  space_id: number;
  campaign_id: number | null;
  step: string;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  status_from: string | null;
  status_to: string | null;
  data: unknown;
  evidence: Generated<number[]>;
  corrects: number | null;
  note: string | null;
}

export interface AuditFilesTable {
  id: Generated<number>;
  upload_hash: string;
  kind: 'photo' | 'document';
  mime: 'image/jpeg' | 'application/pdf';
  width: number | null;
  height: number | null;
  bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_at: Date;
  uploader_id: number | null;
  space_id: number | null;
  lead_id: number | null;
  attached_at: Date | null;
}

export interface CompoundIncomeTable {
  id: Generated<number>;
  compound_id: number;
  period: string | Date;
  category: string;
  due_yuan: Generated<number>;
  collected_yuan: Generated<number>;
  arrears_recovered_yuan: Generated<number>;
  spent_yuan: Generated<number>;
  note: string | null;
  corrects: number | null;
  recorded_by: number | null;
  recorded_at: Date;
}

export interface HazardsTable {
  id: Generated<number>;
  ref: string | null;
  category: string;
  description: string;
  status: string;
  reported_at: Date | string;
  geom: Geom;
  // Migration 0005 (hazards): areas, workflow projection, private contact.
  priority: Generated<string>;
  details: Generated<unknown>;
  source: Generated<string>;
  building_id: number | null;
  unit_id: Generated<number | null>;
  grid_id: Generated<number | null>;
  community_id: Generated<number | null>;
  street_id: Generated<number | null>;
  reporter_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  follow_hash: string | null;
  duplicate_of: number | null;
  escalation_level: string | null;
  agency: string | null;
  respond_due_at: Generated<Date | null>;
  on_site_due_at: Generated<Date | null>;
  resolve_due_at: Generated<Date | null>;
  responded_at: Date | null;
  on_site_at: Date | null;
  escalated_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  updated_at: Generated<Date>;
  me_too: Generated<number>;
  flags: Generated<number>;
  hidden: Generated<boolean>;
  moderated_at: Date | null;
}

export interface HazardCategoriesTable {
  code: string;
  name: string;
  event_class: string;
  priority: string;
  points: number;
  fields: unknown;
  active: Generated<boolean>;
  sort: Generated<number>;
  updated_at: Generated<Date>;
}

export interface HazardSlaTable {
  id: Generated<number>;
  category: string | null;
  priority: string;
  respond: string;
  on_site: string | null;
  resolve: string;
}

export interface HazardEventsTable {
  id: Generated<number>;
  hazard_id: number;
  at: Date;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: number | null;
  actor_role: string | null;
  note: string | null;
  data: Generated<unknown>;
  idempotency_key: string | null;
}

export interface HazardPhotosTable {
  id: Generated<number>;
  hazard_id: number | null;
  event_id: number | null;
  kind: string | null;
  upload_hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  data: Uint8Array;
  uploaded_at: Date;
  uploader_id: number | null;
  attached_at: Date | null;
}

export interface HazardPointsTable {
  id: Generated<number>;
  user_id: number;
  hazard_id: number;
  points: number;
  reason: string;
  at: Date;
}

export interface HazardSupportersTable {
  id: Generated<number>;
  hazard_id: number;
  at: Date;
  user_id: number | null;
  device: string | null;
}

export interface HazardFlagsTable {
  id: Generated<number>;
  hazard_id: number;
  at: Date;
  reason: string;
  user_id: number | null;
  device: string | null;
}

export interface HazardSubmissionsTable {
  id: Generated<number>;
  at: Date;
  kind: string;
  ip: string;
  device: string | null;
}

export interface EntrancesTable {
  id: Generated<number>;
  osm_id: number | null;
  building_id: number | null;
  name: string | null;
  geom: Geom;
}

export interface BasemapFeaturesTable {
  id: Generated<number>;
  layer: string;
  kind: string | null;
  name: string | null;
  geom: Geom;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  phone: string | null;
  display_name: string;
  password_hash: string;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  created_by: number | null;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  area_id: number | null;
  household_id: number | null;
  granted_by: number | null;
  granted_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  at: Date;
  ip: string;
  login: string;
  user_id: number | null;
  success: boolean;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  area_id: number | null;
  ip: string | null;
  user_agent: string | null;
  details: Generated<unknown>;
}

export interface GatesTable {
  id: Generated<number>;
  road_edge_id: number;
  name: string;
  closed_from: string;
  closed_to: string;
  created_at: Generated<Date>;
}

export interface DB {
  gates: GatesTable;
  areas: AreasTable;
  buildings: BuildingsTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  responsible_people: ResponsiblePeopleTable;
  central_household_links: CentralHouseholdLinksTable;
  road_edges: RoadEdgesTable;
  road_edge_log: RoadEdgeLogTable;
  places: PlacesTable;
  place_history: PlaceHistoryTable;
  rooms: RoomsTable;
  bookings: BookingsTable;
  activities: ActivitiesTable;
  registrations: RegistrationsTable;
  pois: PoisTable;
  spaces: SpacesTable;
  compounds: CompoundsTable;
  audit_campaigns: AuditCampaignsTable;
  audit_leads: AuditLeadsTable;
  space_events: SpaceEventsTable;
  audit_files: AuditFilesTable;
  compound_income: CompoundIncomeTable;
  hazards: HazardsTable;
  hazard_categories: HazardCategoriesTable;
  hazard_sla: HazardSlaTable;
  hazard_events: HazardEventsTable;
  hazard_photos: HazardPhotosTable;
  hazard_points: HazardPointsTable;
  hazard_supporters: HazardSupportersTable;
  hazard_flags: HazardFlagsTable;
  hazard_submissions: HazardSubmissionsTable;
  entrances: EntrancesTable;
  basemap_features: BasemapFeaturesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}
