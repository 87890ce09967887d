/**
 * OSM XML reader (fast-xml-parser) → OsmModel. Elements a JOSM file marks as deleted
 * (`action="delete"`, `visible="false"`) are left out.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS, type ImportError } from './errors.ts';
import { emptyOsmModel, type OsmElementType, type OsmModel, type OsmTags } from './osm-model.ts';
import { throttledProgress, type ProgressFn } from './types.ts';

type Attrs = Record<string, string | undefined>;
type XmlTag = { '@k'?: string; '@v'?: string };
type XmlElement = Attrs & { tag?: XmlTag[]; nd?: Attrs[]; member?: Attrs[] };

const ARRAYS = new Set(['node', 'way', 'relation', 'tag', 'nd', 'member']);

function tagsOf(e: XmlElement): OsmTags {
  const tags: OsmTags = {};
  for (const t of e.tag ?? []) if (t['@k'] !== undefined) tags[t['@k']] = t['@v'] ?? '';
  return tags;
}

function deleted(e: XmlElement): boolean {
  return e['@action'] === 'delete' || e['@visible'] === 'false';
}

/** Parses OSM XML text. Returns the model, or the errors that make the file unreadable. */
export function parseOsmXml(text: string, file: string, onProgress?: ProgressFn): { model: OsmModel; errors: ImportError[] } {
  const model = emptyOsmModel();
  const errors = new ErrorCollector();
  const done = () => ({ model, errors: errors.errors });
  const check = XMLValidator.validate(text);
  if (check !== true) {
    errors.add(C.PARSE, file, REASONS.xmlInvalid(check.err.msg, check.err.line ?? null));
    return done();
  }
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  }).parse(text) as { osm?: { node?: XmlElement[]; way?: XmlElement[]; relation?: XmlElement[] } };
  const osm = doc.osm;
  if (!osm || typeof osm !== 'object') {
    errors.add(C.PARSE, file, REASONS.osmRoot());
    return done();
  }
  const nodes = osm.node ?? [];
  const ways = osm.way ?? [];
  const relations = osm.relation ?? [];
  const progress = throttledProgress(onProgress, nodes.length + ways.length + relations.length);
  let count = 0;
  const num = (e: XmlElement, attr: string, type: string, id?: number): number | null => {
    const v = Number(e[attr]);
    if (e[attr] === undefined || !Number.isFinite(v)) {
      errors.add(C.PARSE, file, REASONS.osmElement(`${type}${id !== undefined ? `/${id}` : ''}: attribute ${attr.slice(1)}=${JSON.stringify(e[attr] ?? null)} is not a number`));
      return null;
    }
    return v;
  };

  for (const e of nodes) {
    progress(++count);
    const id = num(e, '@id', 'node');
    if (id === null || deleted(e)) continue;
    const lat = num(e, '@lat', 'node', id);
    const lon = num(e, '@lon', 'node', id);
    if (lat === null || lon === null) continue;
    model.nodes.set(id, { id, lon, lat, tags: tagsOf(e) });
  }
  for (const e of ways) {
    progress(++count);
    const id = num(e, '@id', 'way');
    if (id === null || deleted(e)) continue;
    const refs = (e.nd ?? []).map((nd) => Number(nd['@ref']));
    model.ways.set(id, { id, refs, tags: tagsOf(e) });
  }
  for (const e of relations) {
    progress(++count);
    const id = num(e, '@id', 'relation');
    if (id === null || deleted(e)) continue;
    const members = (e.member ?? []).map((m) => ({
      type: (m['@type'] ?? 'node') as OsmElementType,
      ref: Number(m['@ref']),
      role: m['@role'] ?? '',
    }));
    model.relations.set(id, { id, members, tags: tagsOf(e) });
  }
  return done();
}
