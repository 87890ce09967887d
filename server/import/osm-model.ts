/**
 * The in-memory OSM model both readers (XML and PBF) produce, so everything after reading is
 * shared. Maps keep file order.
 */
export type OsmTags = Record<string, string>;
export type OsmElementType = 'node' | 'way' | 'relation';

export interface OsmNode { id: number; lon: number; lat: number; tags: OsmTags }
export interface OsmWay { id: number; refs: number[]; tags: OsmTags }
export interface OsmMember { type: OsmElementType; ref: number; role: string }
export interface OsmRelation { id: number; members: OsmMember[]; tags: OsmTags }

export interface OsmModel {
  nodes: Map<number, OsmNode>;
  ways: Map<number, OsmWay>;
  relations: Map<number, OsmRelation>;
}

export function emptyOsmModel(): OsmModel {
  return { nodes: new Map(), ways: new Map(), relations: new Map() };
}

/** Plain-object form of a model, for equality checks in tests and for debugging. */
export function osmModelToJson(m: OsmModel): { nodes: OsmNode[]; ways: OsmWay[]; relations: OsmRelation[] } {
  return { nodes: [...m.nodes.values()], ways: [...m.ways.values()], relations: [...m.relations.values()] };
}
