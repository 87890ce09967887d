/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): our categories as services, our
 * cases as service requests. Statuses are `open`/`closed`; our detailed state leads `status_notes`.
 * Pure.
 */
import type { FieldSpec } from '../hazards/hazard.fields.ts';
import { OPEN_STATES, type State } from '../hazards/hazard.workflow.ts';

/** The GeoReport v2 fields of a service (GET services.json). */
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const;
/** The GeoReport v2 fields of a service request (GET requests.json). */
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
] as const;
/** The GeoReport v2 fields of a service attribute (GET services/{code}.json). */
export const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'] as const;

export const statusOf = (s: State): 'open' | 'closed' => (OPEN_STATES.includes(s) ? 'open' : 'closed');

/** States that answer `status=open` / `status=closed` (of those the public may see). */
export const STATES_FOR: Record<'open' | 'closed', State[]> = { open: [...OPEN_STATES], closed: ['resolved', 'closed', 'published'] };

/** W3C date-time in China time, as GeoReport examples use local offsets. */
export function w3c(d: Date | string | null): string | null {
  if (d === null) return null;
  const t = new Date(new Date(d).getTime() + 8 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

export interface ServiceCategory {
  code: string;
  name: string;
  eventClass: string;
  fields: FieldSpec[];
  sla: Record<string, { respond: string; resolve: string } | null>;
  priority: string;
}

export function toService(c: ServiceCategory) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.eventClass}：${c.name}`,
    metadata: c.fields.length > 0,
    type: 'realtime' as const,
    keywords: [c.eventClass, c.name, c.code].join(','),
    group: c.eventClass,
  };
}

const DATATYPE: Record<FieldSpec['type'], string> = { text: 'string', integer: 'number', number: 'number', boolean: 'singlevaluelist', datetime: 'datetime', enum: 'singlevaluelist' };

export function toServiceDefinition(c: ServiceCategory) {
  return {
    service_code: c.code,
    attributes: c.fields.map((f, i) => ({
      variable: true,
      code: f.key,
      datatype: DATATYPE[f.type],
      required: f.required,
      datatype_description: f.type === 'integer' ? 'whole number' : f.type === 'datetime' ? 'ISO 8601 with offset' : f.type === 'text' ? `up to ${f.maxLength} characters` : '',
      order: i + 1,
      description: f.label,
      ...(f.type === 'enum' ? { values: f.options.map((o) => ({ key: o.value, name: o.label })) } : {}),
      ...(f.type === 'boolean' ? { values: [{ key: 'true', name: '是' }, { key: 'false', name: '否' }] } : {}),
    })),
  };
}

export interface RequestRow {
  id: number;
  status: State;
  category: string;
  category_name: string;
  description: string;
  priority: string;
  reported_at: Date;
  updated_at: Date | null;
  resolve_due_at: Date | null;
  escalation_level: string | null;
  agency: string | null;
  grid_name: string | null;
  community_name: string | null;
  street_name: string | null;
  last_note: string | null;
  lon: number;
  lat: number;
  photo_id: number | null;
}

/** One service request; `description` must already be the public (redacted) text. */
export function toRequest(r: RequestRow, baseUrl: string) {
  const agency = r.escalation_level === 'department' ? r.agency : r.escalation_level === 'street' ? r.street_name : r.escalation_level === 'community' ? r.community_name : r.grid_name;
  return {
    service_request_id: String(r.id),
    status: statusOf(r.status),
    status_notes: r.last_note ? `${r.status}: ${r.last_note}` : r.status,
    service_name: r.category_name,
    service_code: r.category,
    description: r.description,
    agency_responsible: agency ?? null,
    service_notice: `priority ${r.priority}`,
    requested_datetime: w3c(r.reported_at),
    updated_datetime: w3c(r.updated_at ?? r.reported_at),
    expected_datetime: w3c(r.resolve_due_at),
    address: [r.street_name, r.community_name, r.grid_name].filter(Boolean).join(' ') || null,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.photo_id === null ? null : `${baseUrl}/api/hazards/${r.id}/photos/${r.photo_id}`,
  };
}
