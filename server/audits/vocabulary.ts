/** The controlled vocabulary of the audits, with Chinese names, for the UI and the API alike. */
import { COMPOUND_TYPE_ZH, FINDING_OUTCOMES, IDLE_SUBKINDS, KIND_ZH, OUTCOME_STATUS, SPACE_KINDS, SPACE_STATUSES, STATUS_ZH, STEP_ZH, STEPS } from './audit.workflow.ts';
import { STATUS_COLOUR } from './audits.views.ts';
import { PARTIES } from './campaign.schema.ts';
import { INCOME_CATEGORIES } from './inventory.schema.ts';
import { CSR_M2_PER_100_HOUSEHOLDS, DEFAULT_PM_RULE, PM_RULES } from './standards.ts';

export const OUTCOME_ZH = { compliant: '合规', occupied: '被占用', missing: '缺失', idle: '闲置', reclaimed: '已收回', income_recovered: '追回收益' } as const;
export const INCOME_ZH: Record<(typeof INCOME_CATEGORIES)[number], string> = {
  parking: '停车费', advertising: '广告费', venue_rent: '场地租金', facility_rent: '设施租金', other_income: '其他收入',
  maintenance: '维修支出', services: '服务支出', other_spending: '其他支出',
};
export const PARTY_ZH = { street_office: '街道办', community: '社区', property_company: '物业公司', owners_committee: '业委会', other: '其他' } as const;
export const SUBKIND_ZH = { vacant_room: '空置房', corner: '边角地', pavilion: '亭廊', corridor: '连廊/走廊', basement: '地下室', shed: '车棚' } as const;

export function vocabulary() {
  return {
    kinds: SPACE_KINDS.map((k) => ({ value: k, zh: KIND_ZH[k] })),
    idleSubkinds: IDLE_SUBKINDS.map((k) => ({ value: k, zh: SUBKIND_ZH[k] })),
    statuses: SPACE_STATUSES.map((s) => ({ value: s, zh: STATUS_ZH[s], colour: STATUS_COLOUR[s] })),
    steps: STEPS.map((s) => ({ value: s, zh: STEP_ZH[s] })),
    outcomes: FINDING_OUTCOMES.map((o) => ({ value: o, zh: OUTCOME_ZH[o], status: OUTCOME_STATUS[o] })),
    compoundTypes: Object.entries(COMPOUND_TYPE_ZH).map(([value, zh]) => ({ value, zh })),
    parties: PARTIES.map((p) => ({ value: p, zh: PARTY_ZH[p] })),
    pmRules: Object.values(PM_RULES),
    defaultPmRule: DEFAULT_PM_RULE,
    csrM2Per100Households: CSR_M2_PER_100_HOUSEHOLDS,
    incomeCategories: INCOME_CATEGORIES.map((c) => ({ value: c, zh: INCOME_ZH[c], spending: ['maintenance', 'services', 'other_spending'].includes(c) })),
  };
}
