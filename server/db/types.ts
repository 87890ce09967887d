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
}

export interface HazardsTable {
  id: Generated<number>;
  ref: string | null;
  category: string;
  description: string;
  status: string;
  reported_at: Date | string;
  geom: Geom;
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
  places: PlacesTable;
  pois: PoisTable;
  spaces: SpacesTable;
  hazards: HazardsTable;
  entrances: EntrancesTable;
  basemap_features: BasemapFeaturesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}
