/**
 * Sample hazard reports (~60) near residential buildings, with Chinese descriptions, categories
 * and statuses; reported in 2026 (older reports are more often closed).
 */
import type { Feature } from 'geojson';
import type { Projection } from './geo.ts';
import { intBetween, pick, weightedIndex, type Rng } from './prng.ts';
import type { Building } from './types.ts';

type Category = 'ebike_charging' | 'fire_lane_blocked' | 'thrown_objects' | 'road_damage' | 'broken_facility' | 'illegal_construction' | 'disorderly_parking' | 'other';

/** Category, relative frequency, description templates ({p} = place label). */
export const HAZARD_TEMPLATES: [Category, number, string[]][] = [
  ['ebike_charging', 5, ['{p}楼道内有电动车飞线充电', '{p}一楼门厅停放电动车并充电', '{p}居民将电瓶带回家中充电']],
  ['fire_lane_blocked', 4, ['{p}旁消防通道被私家车占用', '{p}消防通道堆放杂物', '{p}楼前消防登高面停满车辆']],
  ['thrown_objects', 2, ['{p}有高空抛物，楼下发现玻璃瓶', '{p}高层住户阳台花盆有坠落风险']],
  ['road_damage', 3, ['{p}门口路面破损积水', '{p}旁人行道地砖松动', '{p}附近窨井盖缺失']],
  ['broken_facility', 4, ['{p}楼道照明灯损坏', '{p}垃圾桶破损', '{p}单元门禁损坏无法关闭', '{p}健身器材螺丝松动']],
  ['illegal_construction', 2, ['{p}顶楼私搭乱建', '{p}一楼住户违规扩建院墙']],
  ['disorderly_parking', 3, ['{p}共享单车乱停放堵塞通道', '{p}门口机动车乱停']],
  ['other', 1, ['{p}楼道内堆放易燃杂物', '{p}外墙空鼓有脱落风险']],
];

const STATUSES = ['submitted', 'verified', 'in_progress', 'resolved', 'closed'] as const;
/** Reports run from 2026-01-05 to 2026-11-15 (day-of-year 5–319). */
const FIRST_DAY = 5;
const LAST_DAY = 319;

function isoDate(dayOfYear: number, minutes: number): string {
  const d = new Date(Date.UTC(2026, 0, dayOfYear));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${d.toISOString().slice(0, 10)}T${hh}:${mm}:00+08:00`;
}

/** Status by age: the older the report, the further along the flow (乌鲁木齐: 初核 → 复核 → 公示). */
export function statusFor(dayOfYear: number, rng: Rng): (typeof STATUSES)[number] {
  const age = (LAST_DAY - dayOfYear) / (LAST_DAY - FIRST_DAY); // 0 = newest, 1 = oldest
  const weights = [1.5 * (1 - age), 1 * (1 - age) + 0.2, 1, 0.5 + 2 * age, 0.2 + 2 * age];
  return STATUSES[weightedIndex(rng, weights)];
}

export function buildHazards(housing: { building: Building; label: string }[], n: number, proj: Projection, rng: Rng): Feature[] {
  const pool = housing.map((h) => ({ h, r: rng() })).sort((a, b) => a.r - b.r).map((x) => x.h);
  const out: Feature[] = [];
  for (let i = 0; i < n && i < pool.length; i++) {
    const { building, label } = pool[i];
    const [category, , texts] = HAZARD_TEMPLATES[weightedIndex(rng, HAZARD_TEMPLATES.map((t) => t[1]))];
    const day = intBetween(rng, FIRST_DAY, LAST_DAY);
    const c = proj.toXY(building.center);
    const at = proj.toLonLat([c[0] + intBetween(rng, -12, 12), c[1] + intBetween(rng, -12, 12)]); // beside the building, metres
    out.push({
      type: 'Feature',
      properties: {
        ref: `hazard:${String(i + 1).padStart(3, '0')}`, category, description: pick(rng, texts).replace('{p}', label),
        status: statusFor(day, rng), reportedAt: isoDate(day, intBetween(rng, 7 * 60, 22 * 60)),
      },
      geometry: { type: 'Point', coordinates: at },
    });
  }
  const key = (f: Feature) => `${f.properties!.reportedAt} ${f.properties!.ref}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((f, i) => ({
    ...f, properties: { ...f.properties, ref: `hazard:${String(i + 1).padStart(3, '0')}` },
  }));
}
