/**
 * Names: fictional people (common surnames + given-name characters, phones in the unassigned
 * 1390000xxxx block), and area labels from real OSM road names.
 */
import type { Projection } from './geo.ts';
import { intBetween, pick, type Rng } from './prng.ts';
import type { RoadIndex } from './road-index.ts';
import type { Building, LonLat } from './types.ts';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛严顾钱戴龚邵'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红辉鹏飞斌宇浩凯秀建国志晨欣怡佳琪子涵雨轩梓博文昊然思嘉俊雪琳婷倩颖慧蓉燕莉琦瑶'];

/** A fictional name: surname + one or two given-name characters. */
export function personName(rng: Rng): string {
  const given = rng() < 0.6 ? pick(rng, GIVEN) + pick(rng, GIVEN) : pick(rng, GIVEN);
  return pick(rng, SURNAMES) + given;
}

/** A fictional mobile number in the 1390000xxxx block (139-0000 is not issued to subscribers). */
export function fakePhone(rng: Rng): string {
  return `1390000${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`;
}

/**
 * Display labels for a street's residential buildings: the OSM address (福佑路12号), else the OSM
 * name (of 3+ characters; "号楼" added when it ends in a digit), else "<nearest road>N号楼" with N counted per road in north-west → south-east order.
 */
export function buildingLabels(buildings: Building[], roads: RoadIndex, fallbackRoad: string): Map<string, string> {
  const labels = new Map<string, string>();
  const perRoad = new Map<string, number>();
  const order = [...buildings].sort((a, b) => b.center[1] - a.center[1] || a.center[0] - b.center[0]);
  for (const b of order) {
    const own = b.address ?? (b.name && b.name.length >= 3 ? b.name : null); // 2-character names are fragments (用地)
    if (own) {
      labels.set(b.ref, /\d$/.test(own) && !b.address ? `${own}号楼` : own);
      continue;
    }
    const road = roads.nearestName(b.center) ?? fallbackRoad;
    const n = (perRoad.get(road) ?? 0) + 1;
    perRoad.set(road, n);
    labels.set(b.ref, `${road}${n}号楼`);
  }
  return labels;
}

/**
 * "<road>社区" from the real road nearest to the community's centre whose name is not yet used in
 * the street; falls back to "<street>第N社区".
 */
export function communityName(center: LonLat, roads: RoadIndex, used: Set<string>, fallback: string): string {
  for (const { name } of roads.namesNear(center, 2000)) {
    const short = name.replace(/[（(].*$/, '');
    if (!used.has(short)) {
      used.add(short);
      return `${short}社区`;
    }
  }
  return fallback;
}

/** Household-weighted centre of points (lon/lat), via the projection. */
export function weightedCenter(points: { at: LonLat; w: number }[], proj: Projection): LonLat {
  let sx = 0, sy = 0, sw = 0;
  for (const p of points) {
    const q = proj.toXY(p.at);
    sx += q[0] * p.w; sy += q[1] * p.w; sw += p.w;
  }
  return proj.toLonLat([sx / sw, sy / sw]);
}
