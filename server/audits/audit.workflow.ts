/**
 * The vocabulary and the order of the 两房一共 audit (issue 5), pure: space kinds and statuses, the
 * four steps of 莱阳 (多方议 agree → 居民提 lead → 现场看 inspection → 索骥查 finding), which step
 * may come next, and what each finding makes of the space's status.
 */

export const SPACE_KINDS = ['community_service_room', 'property_room', 'idle_space', 'reclaimed_housing', 'other'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];
/** Idle space (闲置空间) subkinds. */
export const IDLE_SUBKINDS = ['vacant_room', 'corner', 'pavilion', 'corridor', 'basement', 'shed'] as const;

/** registered → under_audit → occupied / idle / missing / reclaimed → converted / in_use. */
export const SPACE_STATUSES = ['registered', 'under_audit', 'occupied', 'idle', 'missing', 'reclaimed', 'converted', 'in_use'] as const;
export type SpaceStatus = (typeof SPACE_STATUSES)[number];

export const KIND_ZH: Readonly<Record<SpaceKind, string>> = {
  community_service_room: '社区综合服务用房',
  property_room: '物业管理用房',
  idle_space: '闲置空间',
  reclaimed_housing: '收回公房',
  other: '其他',
};
export const STATUS_ZH: Readonly<Record<SpaceStatus, string>> = {
  registered: '已登记',
  under_audit: '核查中',
  occupied: '被占用',
  idle: '闲置',
  missing: '缺失',
  reclaimed: '已收回',
  converted: '已改建为阵地',
  in_use: '正常使用',
};
export const COMPOUND_TYPES = ['commercial', 'old', 'resettlement'] as const;
export const COMPOUND_TYPE_ZH = { commercial: '商住', old: '老旧', resettlement: '安置' } as const;

/** The four steps (and the other history entries). */
export const STEPS = ['register', 'edit', 'agree', 'lead', 'inspection', 'finding', 'conversion'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_ZH: Readonly<Record<Step, string>> = {
  register: '登记',
  edit: '修改',
  agree: '多方议',
  lead: '居民提',
  inspection: '现场看',
  finding: '索骥查',
  conversion: '改建为阵地',
};
export type AuditStep = 'agree' | 'lead' | 'inspection' | 'finding';
export type Stage = 'agreed' | 'inspected' | 'found' | null;

export const FINDING_OUTCOMES = ['compliant', 'occupied', 'missing', 'idle', 'reclaimed', 'income_recovered'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];
/** The status a finding leaves the space in. */
export const OUTCOME_STATUS: Readonly<Record<FindingOutcome, SpaceStatus>> = {
  compliant: 'in_use',
  occupied: 'occupied',
  missing: 'missing',
  idle: 'idle',
  reclaimed: 'reclaimed',
  income_recovered: 'in_use',
};

/** Statuses a space can be converted into a station from. */
export const CONVERTIBLE: readonly SpaceStatus[] = ['reclaimed', 'idle'];

/**
 * Steps allowed next for a space at `stage` of campaign `inCampaign` (null when not in one, or the
 * campaign is closed). A converted space is a station now: no more audit steps.
 */
export function allowedSteps(s: { status: string; stage: Stage; campaignOpen: boolean }): AuditStep[] {
  if (s.status === 'converted') return [];
  if (!s.campaignOpen || s.stage === null || s.stage === 'found') return ['agree'];
  if (s.stage === 'agreed') return ['lead', 'inspection'];
  return ['lead', 'inspection', 'finding'];
}

export const STAGE_AFTER: Readonly<Record<AuditStep, Exclude<Stage, null>>> = {
  agree: 'agreed',
  lead: 'agreed',
  inspection: 'inspected',
  finding: 'found',
};

/** The stage after `step`, keeping a later stage when a lead arrives after an inspection. */
export function nextStage(stage: Stage, step: AuditStep): Exclude<Stage, null> {
  if (step === 'lead' && stage === 'inspected') return 'inspected';
  return STAGE_AFTER[step];
}
