/**
 * The controlled vocabularies of places (issue 6): kinds (DOMAIN.md "Service positions" and
 * docs/DATA-FORMAT.md) and services, each with its Chinese and English name. The API refuses
 * anything else, naming it; imports also accept the Chinese names.
 */
import { PLACE_KINDS } from '../import/kind-fields.ts';

export { PLACE_KINDS };
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Names {
  zh: string;
  en: string;
}

export const KIND_NAMES: Readonly<Record<PlaceKind, Names>> = Object.freeze({
  party_center: { zh: '城市党建服务中心', en: 'City party-building service centre' },
  regional_center: { zh: '片区党群服务中心', en: 'Regional party-mass service centre' },
  community_center: { zh: '社区党群服务中心', en: 'Community party-mass service centre' },
  grid_station: { zh: '小区/网格党群服务站', en: 'Compound/grid service station' },
  outdoor_station: { zh: '户外/交通枢纽驿站', en: 'Outdoor/transport-hub station' },
  building_corner: { zh: '楼栋善治角', en: 'Building corner' },
  neighbourhood_post: { zh: '邻里驿站', en: 'Neighbourhood post' },
  outdoor_worker_station: { zh: '户外劳动者驿站', en: "Outdoor workers' station" },
  new_employment_station: { zh: '新就业群体驿站', en: 'New-employment-group station' },
  elder_canteen: { zh: '长者食堂', en: "Elders' canteen" },
  rider_shop: { zh: '骑手友好店面', en: 'Rider-friendly shop' },
});

export const SERVICES = [
  'rest', 'ebike_charging', 'phone_charging', 'drinking_water', 'toilet', 'microwave', 'first_aid', 'legal_consultation',
  'health_check', 'haircut', 'reading_room', 'meeting_room', 'meals', 'childcare', 'wifi', 'umbrella', 'repair_tools',
  'cooling_heating', 'nursing_room', 'accessible_toilet', 'elder_care', 'parcel_locker', 'job_info', 'psychological_support',
] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_NAMES: Readonly<Record<Service, Names>> = Object.freeze({
  rest: { zh: '休息', en: 'Rest' },
  ebike_charging: { zh: '电动车电池充电', en: 'E-bike battery charging' },
  phone_charging: { zh: '手机充电', en: 'Phone charging' },
  drinking_water: { zh: '饮用水', en: 'Drinking water' },
  toilet: { zh: '卫生间', en: 'Toilet' },
  microwave: { zh: '微波炉', en: 'Microwave' },
  first_aid: { zh: '急救药箱', en: 'First aid' },
  legal_consultation: { zh: '法律咨询', en: 'Legal consultation' },
  health_check: { zh: '健康检测', en: 'Health check' },
  haircut: { zh: '理发', en: 'Haircut' },
  reading_room: { zh: '阅览室', en: 'Reading room' },
  meeting_room: { zh: '会议室', en: 'Meeting room' },
  meals: { zh: '助餐', en: 'Meals' },
  childcare: { zh: '托管看护', en: 'Childcare' },
  wifi: { zh: '无线网络', en: 'Wi-Fi' },
  umbrella: { zh: '爱心雨伞', en: 'Umbrella loan' },
  repair_tools: { zh: '维修工具', en: 'Repair tools' },
  cooling_heating: { zh: '纳凉取暖', en: 'Cooling and heating' },
  nursing_room: { zh: '母婴室', en: 'Nursing room' },
  accessible_toilet: { zh: '无障碍卫生间', en: 'Accessible toilet' },
  elder_care: { zh: '助老服务', en: 'Elder care' },
  parcel_locker: { zh: '快递柜', en: 'Parcel locker' },
  job_info: { zh: '就业信息', en: 'Job information' },
  psychological_support: { zh: '心理疏导', en: 'Psychological support' },
});

/** What a rider looks for first (rider mode: charging, rest, water). */
export const RIDER_SERVICES: readonly Service[] = ['ebike_charging', 'rest', 'drinking_water', 'phone_charging'];

const KIND_BY_ZH = new Map(Object.entries(KIND_NAMES).map(([k, n]) => [n.zh, k]));
const SERVICE_BY_ZH = new Map(Object.entries(SERVICE_NAMES).map(([k, n]) => [n.zh, k]));

export const isKind = (v: string): v is PlaceKind => (PLACE_KINDS as readonly string[]).includes(v);
export const isService = (v: string): v is Service => (SERVICES as readonly string[]).includes(v);

/** A kind key from its key or Chinese name; the input unchanged when neither. */
export const kindKey = (v: string): string => KIND_BY_ZH.get(v.trim()) ?? v.trim();
/** A service key from its key or Chinese name; the input unchanged when neither. */
export const serviceKey = (v: string): string => SERVICE_BY_ZH.get(v.trim()) ?? v.trim();

/** The message for values outside the list: `unknown service "sauna" (known: rest, …)`. */
export function unknownServices(values: readonly string[]): string | null {
  const bad = values.filter((v) => !isService(v));
  if (!bad.length) return null;
  return `unknown service${bad.length > 1 ? 's' : ''} ${bad.map((b) => JSON.stringify(b)).join(', ')} (known: ${SERVICES.join(', ')})`;
}

export function unknownKinds(values: readonly string[]): string | null {
  const bad = values.filter((v) => !isKind(v));
  if (!bad.length) return null;
  return `unknown kind${bad.length > 1 ? 's' : ''} ${bad.map((b) => JSON.stringify(b)).join(', ')} (known: ${PLACE_KINDS.join(', ')})`;
}
