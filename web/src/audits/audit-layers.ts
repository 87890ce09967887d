/**
 * The audit map's own layers: outlines (compounds, or open campaigns on the public page), spaces as
 * circles filled by status colour (from the API) and ringed by kind, and the picked pin.
 */
import type { LayerSpecification, SourceSpecification, ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';

export const AUDIT_SOURCES = { outlines: 'au-outlines', spaces: 'au-spaces', pin: 'au-pin' } as const;

/** Ring colour per space kind; the fill is the status colour the server sends. */
export const KIND_RING: Readonly<Record<string, string>> = {
  community_service_room: '#b71c1c',
  property_room: '#1f2a33',
  idle_space: '#f59e0b',
  reclaimed_housing: '#7c3aed',
  other: '#94a3b8',
};

const empty = (): SourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });

export function auditSources(): Record<string, SourceSpecification> {
  return { [AUDIT_SOURCES.outlines]: empty(), [AUDIT_SOURCES.spaces]: { ...empty(), promoteId: 'id' } as SourceSpecification, [AUDIT_SOURCES.pin]: empty() };
}

const ring: ExpressionSpecification = ['match', ['get', 'kind'], ...Object.entries(KIND_RING).flat(), '#94a3b8'] as unknown as ExpressionSpecification;

export function auditLayers(): LayerSpecification[] {
  return [
    { id: 'au-outline-fill', type: 'fill', source: AUDIT_SOURCES.outlines, paint: { 'fill-color': '#1f78b4', 'fill-opacity': 0.08 } },
    { id: 'au-outline-line', type: 'line', source: AUDIT_SOURCES.outlines, paint: { 'line-color': '#1f78b4', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    {
      id: 'au-spaces',
      type: 'circle',
      source: AUDIT_SOURCES.spaces,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 4, 17, 9],
        'circle-color': ['coalesce', ['get', 'colour'], '#6b7280'],
        'circle-stroke-color': ring,
        'circle-stroke-width': 2.5,
      },
    },
    { id: 'au-pin', type: 'circle', source: AUDIT_SOURCES.pin, paint: { 'circle-radius': 9, 'circle-color': '#d7191c', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
  ];
}
