/**
 * Point layers of the synthetic city (service positions, POIs, spaces for the 两房一共 audit,
 * hazard reports, entrances) and the drawing-only base map. Small on purpose: a few per
 * community, so they scale with the city without dominating its size.
 */
import type { Rng } from './rng.ts';
import type { Hierarchy, BuildingRec } from './hierarchy.ts';
import type { Feature } from './write.ts';
import type { Projection } from './geo.ts';
import type { CityLayout } from './layout.ts';
import { slotRect, type Rect } from './block.ts';
import { businessName } from './names.ts';
import { RIVER_HALF_M } from './roads.ts';

const point = (proj: Projection, x: number, y: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: proj.point(x, y) },
  properties,
});

export function rectPolygon(proj: Projection, r: Rect): { type: 'Polygon'; coordinates: [number, number][][] } {
  const [w, s, e, n] = [proj.lon(r.x0), proj.lat(r.y0), proj.lon(r.x1), proj.lat(r.y1)];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Opening hours of stations: staggered and extended (错时延时) hours are the common case. */
const STATION_HOURS = ['Mo-Fr 08:30-20:30; Sa,Su 09:00-17:00', 'Mo-Su 08:00-21:00', 'Mo-Fr 08:30-17:30', 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00'];
const STATION_HOURS_WEIGHTS = [0.45, 0.2, 0.25, 0.1];
const SHOP_HOURS = ['Mo-Su 07:00-22:00', '24/7', 'Mo-Su 06:30-21:30'];
const CENTRE_SERVICES = ['党员活动', '政务代办', '图书阅览', '老年活动', '儿童托管', '法律咨询', '议事协商'];
const STATION_SERVICES = ['议事协商', '便民服务', '网格值守', '志愿服务', '矛盾调解'];
const RIDER_SERVICES = ['休息', '充电', '饮水', '如厕', '热饭', '应急药箱'];

function subset(rng: Rng, items: readonly string[], min: number): string[] {
  const picked = items.filter(() => rng.chance(0.6));
  return picked.length >= min ? picked : items.slice(0, min);
}

export function placeFeatures(h: Hierarchy, proj: Projection, rng: Rng): Feature[] {
  const out: Feature[] = [];
  const add = (b: BuildingRec, kind: string, name: string, extra: Record<string, unknown>) =>
    out.push(point(proj, b.plan.entrance[0], b.plan.entrance[1], { ref: `syn:place:${out.length + 1}`, kind, name, osmId: null, ...extra, anchor: null }));
  for (const c of h.communities) {
    const centre = h.buildings.find((b) => b.plan.kind === 'public' && c.blocks.includes(b.block));
    if (!centre) throw new Error(`community ${c.code} has no building for its service centre`);
    // 潮州 moved centres down to the ground floor: most are there, some still upstairs.
    const floor = rng.chance(0.8) ? 1 : rng.int(2, 3);
    const lift = floor > 1 && rng.chance(0.4);
    add(centre, 'community_center', `${c.baseName}社区党群服务中心`, {
      openingHours: STATION_HOURS[rng.weighted(STATION_HOURS_WEIGHTS)],
      floor,
      lift,
      stepFree: floor === 1 || lift,
      services: subset(rng, CENTRE_SERVICES, 3),
    });
    for (const g of c.grids) {
      if (!rng.chance(0.5)) continue;
      const floor = rng.chance(0.85) ? 1 : 2;
      add(g.units[0].building, 'grid_station', `${g.name}党群服务站`, {
        openingHours: STATION_HOURS[rng.weighted(STATION_HOURS_WEIGHTS)],
        floor,
        lift: false,
        stepFree: floor === 1 && rng.chance(0.8),
        services: subset(rng, STATION_SERVICES, 2),
      });
    }
  }
  for (const b of h.buildings) {
    if (b.plan.kind !== 'commercial' || !rng.chance(0.4)) continue;
    add(b, 'rider_shop', `${businessName(rng)}(骑手友好店)`, { openingHours: rng.pick(SHOP_HOURS), floor: 1, lift: false, stepFree: true, services: subset(rng, RIDER_SERVICES, 2) });
  }
  return out;
}

const SHOP_KINDS = ['convenience', 'restaurant', 'supermarket', 'pharmacy', 'fast_food', 'cafe', 'bank'];

/** Raw POIs as the OSM sample has them (osmId null: invented). */
export function poiFeatures(h: Hierarchy, proj: Projection, rng: Rng): Feature[] {
  const out: Feature[] = [];
  for (const b of h.buildings) {
    const { rect, kind } = b.plan;
    const cx = (rect.x0 + rect.x1) / 2;
    const cy = (rect.y0 + rect.y1) / 2;
    const poi = (k: string, name: string | null) => out.push(point(proj, cx, cy, { osmId: null, kind: k, name }));
    if (kind === 'commercial') poi(rng.pick(SHOP_KINDS), businessName(rng));
    else if (kind === 'school' || kind === 'kindergarten') poi(kind, b.name);
    else if (kind === 'public') poi('community_centre', b.name);
    else if (kind === 'hotel') poi('hotel', b.name);
  }
  return out;
}

const IDLE_SUBKINDS = ['vacant_room', 'corner', 'pavilion', 'corridor', 'basement', 'shed'] as const;

/** Rooms and idle spaces for the 两房一共 audit: some short of the standard, some missing. */
export function spaceFeatures(h: Hierarchy, proj: Projection, rng: Rng): Feature[] {
  const out: Feature[] = [];
  const add = (x: number, y: number, props: Record<string, unknown>) => out.push(point(proj, x, y, { ref: `syn:space:${out.length + 1}`, ...props }));
  for (const c of h.communities) {
    const centre = h.buildings.find((b) => b.plan.kind === 'public' && c.blocks.includes(b.block))!;
    const households = c.grids.reduce((s, g) => s + g.units.reduce((t, u) => t + u.households, 0), 0);
    // Standard: 30 m² per 100 households (14th five-year plan for community services).
    const areaM2 = Math.round((households / 100) * 30 * rng.range(0.5, 1.3));
    add(centre.plan.entrance[0], centre.plan.entrance[1], { kind: 'community_service_room', subkind: null, name: `${c.name}综合服务用房`, areaM2, floor: 1, lift: false, stepFree: true, status: 'registered', buildingRef: centre.ref });
  }
  const byBlock = new Map<unknown, BuildingRec[]>();
  for (const b of h.buildings) byBlock.set(b.block, [...(byBlock.get(b.block) ?? []), b]);
  for (const [, recs] of byBlock) {
    const homes = recs.filter((b) => b.plan.households > 0);
    const block = recs[0].block;
    const floorArea = homes.reduce((s, b) => s + (b.plan.rect.x1 - b.plan.rect.x0) * (b.plan.rect.y1 - b.plan.rect.y0) * b.plan.floors, 0);
    const first = homes[0];
    // Property rooms: 3‰ of floor area, at least 90 m² (one of the local rules in DOMAIN.md).
    const basement = rng.chance(0.3);
    add(first.plan.entrance[0], first.plan.entrance[1] - 2, {
      kind: 'property_room', subkind: basement ? 'basement' : 'vacant_room', name: `${block.compoundName}物业管理用房`,
      areaM2: Math.round(Math.max(90, floorArea * 0.003) * rng.range(0.3, 1.1)), floor: basement ? -1 : 1, lift: false, stepFree: !basement,
      status: ['registered', 'occupied', 'missing', 'idle'][rng.weighted([0.6, 0.2, 0.15, 0.05])], buildingRef: first.ref,
    });
    if (rng.chance(0.5)) {
      const subkind = rng.pick(IDLE_SUBKINDS);
      const b = rng.pick(homes);
      const [x, y] = subkind === 'pavilion' || subkind === 'corner' ? [block.frame.midx + 10, block.frame.midy + 30] : [b.plan.entrance[0], b.plan.entrance[1] + 2];
      add(x, y, {
        kind: 'idle_space', subkind, name: `${b.name}闲置空间`, areaM2: rng.int(10, 120), floor: subkind === 'basement' ? -1 : 1, lift: false,
        stepFree: subkind !== 'basement', status: ['idle', 'reclaimed', 'occupied'][rng.weighted([0.6, 0.25, 0.15])], buildingRef: subkind === 'pavilion' || subkind === 'corner' ? null : b.ref,
      });
    }
  }
  return out;
}

const HAZARDS: [string, string][] = [
  ['ebike_charging', '楼道内电动车飞线充电'],
  ['fire_lane_blocked', '消防通道被私家车占用'],
  ['thrown_objects', '楼上有高空抛物现象'],
  ['road_damage', '小区道路路面破损积水'],
  ['broken_facility', '单元楼道声控灯损坏'],
  ['illegal_construction', '一楼住户私搭乱建'],
  ['disorderly_parking', '非机动车乱停乱放'],
  ['other', '垃圾桶破损未及时更换'],
];
const HAZARD_STATUS = ['submitted', 'verified', 'in_progress', 'resolved', 'closed'];

/** Sample hazard reports, about one per 400 households, dated in 2025 (+08:00). */
export function hazardFeatures(h: Hierarchy, proj: Projection, rng: Rng, households: number): Feature[] {
  const homes = h.buildings.filter((b) => b.plan.households > 0);
  const n = Math.max(3, Math.round(households / 400));
  const out: Feature[] = [];
  for (let i = 0; i < n; i++) {
    const b = rng.pick(homes);
    const [category, text] = HAZARDS[rng.weighted([3, 2, 1, 2, 2, 1, 2, 1])];
    const t = new Date(Date.UTC(2025, 0, 1) + rng.int(0, 300 * 24 * 60) * 60_000);
    const p2 = (v: number) => String(v).padStart(2, '0');
    const reportedAt = `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}T${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:00+08:00`;
    out.push(point(proj, b.plan.entrance[0], b.plan.entrance[1] - 4, {
      ref: `syn:hazard:${i + 1}`, category, description: `${b.name}${text}`, status: HAZARD_STATUS[rng.weighted([2, 2, 2, 3, 1])], reportedAt,
    }));
  }
  return out;
}

export function entranceFeatures(h: Hierarchy, proj: Projection): Feature[] {
  return h.buildings.map((b) => point(proj, b.plan.entrance[0], b.plan.entrance[1], { osmId: null, buildingRef: b.ref, name: null }));
}

export const RIVER_NAME = '清水河';

/** Land, the river, compounds, schools and pitches, for drawing only. */
export function basemapFeatures(layout: CityLayout, proj: Projection): Feature[] {
  const { plan, blocks } = layout;
  const poly = (r: Rect, layer: string, kind: string, name: string | null): Feature => ({ type: 'Feature', geometry: rectPolygon(proj, r), properties: { layer, kind, name } });
  const out: Feature[] = [poly({ x0: 0, y0: 0, x1: plan.widthM, y1: plan.heightM }, 'earth', 'earth', null)];
  for (const b of blocks) {
    const { rect, midy } = b.frame;
    const inner = { x0: rect.x0 + 12, y0: rect.y0 + 12, x1: rect.x1 - 12, y1: rect.y1 - 12 };
    if (b.row === plan.riverRow) {
      out.push(poly({ ...inner, y0: midy + RIVER_HALF_M + 4 }, 'landuse', 'residential', b.compoundName));
      out.push(poly({ ...inner, y1: midy - RIVER_HALF_M - 4 }, 'landuse', 'residential', b.compoundName));
    } else out.push(poly(inner, 'landuse', 'residential', b.compoundName));
    b.slots.forEach((s, i) => {
      if (s === 'playground') out.push(poly(slotRect(b.frame, i >> 1, (i & 1) as 0 | 1), 'landuse', 'pitch', null));
      if (s === 'school') out.push(poly(slotRect(b.frame, i >> 1, (i & 1) as 0 | 1), 'landuse', 'school', null));
    });
  }
  if (plan.riverRow !== null) {
    const y = (plan.rowY[plan.riverRow] + plan.rowY[plan.riverRow + 1]) / 2;
    out.push(poly({ x0: 0, y0: y - RIVER_HALF_M, x1: plan.widthM, y1: y + RIVER_HALF_M }, 'water', 'river', RIVER_NAME));
  }
  return out;
}
