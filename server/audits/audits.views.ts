/** Rows become domain objects here (snake_case columns → camelCase), one function per kind. */
import { COMPOUND_TYPE_ZH, KIND_ZH, STATUS_ZH, STEP_ZH, type SpaceKind, type SpaceStatus, type Step } from './audit.workflow.ts';
import type { CampaignRow, LeadRow } from './campaigns.repository.ts';
import type { CompoundRow } from './compounds.repository.ts';
import type { EventRow } from './events.repository.ts';
import type { SpaceRow } from './spaces.repository.ts';

/** Map colours by status (the UI may restyle; kinds get the symbol). */
export const STATUS_COLOUR: Readonly<Record<SpaceStatus, string>> = {
  registered: '#6b7280', under_audit: '#2563eb', occupied: '#dc2626', idle: '#f59e0b', missing: '#7f1d1d',
  reclaimed: '#16a34a', converted: '#7c3aed', in_use: '#0d9488',
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const compoundView = (r: CompoundRow) => ({
  id: r.id, ref: r.ref, name: r.name, type: r.type, typeZh: COMPOUND_TYPE_ZH[r.type], propertyCompany: r.property_company,
  ownersCommittee: r.owners_committee, totalFloorAreaM2: r.total_floor_area_m2, aboveGroundAreaM2: r.above_ground_area_m2,
  pmRule: r.pm_rule, communityId: r.community_id, communityName: r.community_name, streetId: r.street_id,
  households: r.households, spaces: r.spaces,
});

export const spaceView = (r: SpaceRow) => ({
  id: r.id, ref: r.ref, kind: r.kind, kindZh: KIND_ZH[r.kind as SpaceKind] ?? r.kind, subkind: r.subkind, name: r.name,
  status: r.status, statusZh: STATUS_ZH[r.status as SpaceStatus] ?? r.status, colour: STATUS_COLOUR[r.status as SpaceStatus] ?? '#6b7280',
  compoundId: r.compound_id, compoundName: r.compound_name, communityId: r.community_id, buildingId: r.building_id,
  floor: r.floor, groundFloor: r.floor <= 1, lift: r.lift, stepFree: r.step_free,
  areaM2: r.area_m2, measuredAreaM2: r.measured_area_m2, owner: r.owner, custodian: r.custodian, currentUse: r.current_use, occupant: r.occupant,
  campaignId: r.campaign_id, campaignOpen: r.campaign_open ?? false, auditStage: r.audit_stage, placeId: r.place_id,
  /** Offered to service-circle siting (idle or reclaimed, ground floor or lift, not converted). */
  sitingCandidate: ['idle', 'reclaimed'].includes(r.status) && r.place_id === null && (r.floor <= 1 || r.lift),
  version: r.version, updatedAt: iso(r.updated_at), lon: r.lon, lat: r.lat, footprint: r.footprint,
});

export const eventView = (e: EventRow) => ({
  id: e.id, step: e.step, stepZh: STEP_ZH[e.step as Step] ?? e.step, at: iso(e.at), campaignId: e.campaign_id,
  actor: e.actor_id === null && e.actor_name === null ? null : { id: e.actor_id, name: e.actor_name },
  statusFrom: e.status_from, statusTo: e.status_to, data: e.data, evidence: e.evidence.map((id) => ({ id, href: `/api/audits/files/${id}` })),
  corrects: e.corrects, correctedBy: e.corrected_by, inForce: e.corrected_by.length === 0, note: e.note,
});

export const campaignView = (c: CampaignRow) => ({
  id: c.id, name: c.name, areaId: c.area_id, areaName: c.area_name, areaLevel: c.area_level, participants: c.participants,
  startsOn: c.starts_on, endsOn: c.ends_on, status: c.status, createdAt: iso(c.created_at), spaces: c.spaces, newLeads: c.leads_new,
});

export const leadView = (l: LeadRow) => ({
  id: l.id, campaignId: l.campaign_id, lon: l.lon, lat: l.lat, description: l.description, contact: l.contact, anonymous: l.anonymous,
  submittedAt: iso(l.submitted_at), status: l.status, spaceId: l.space_id, triagedAt: iso(l.triaged_at), triageNote: l.triage_note,
  photos: l.photos.map((id) => ({ id, href: `/api/audits/files/${id}` })),
});
