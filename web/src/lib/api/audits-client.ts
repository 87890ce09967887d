/**
 * Typed client of the 两房一共 audit routes (docs/API.md "两房一共 audits"). Every call takes an
 * optional AbortSignal. Files go up as the raw body (the server decodes photos, checks PDFs).
 */
import { apiUrl, getJson, sendBytes, sendJson } from './http';
import type {
  AuditReport,
  AuditUpload,
  AuditVocabulary,
  Campaign,
  CampaignInput,
  Compound,
  CompoundInput,
  CompoundLayer,
  CompoundPatch,
  ConvertInput,
  CorrectionInput,
  FindingInput,
  HistoryEntry,
  IncomeEntry,
  IncomeInput,
  IncomeSummary,
  InspectionInput,
  Lead,
  LeadInput,
  OpenCampaign,
  Space,
  SpaceFilter,
  SpaceInput,
  SpaceLayer,
  SpacePatch,
  SpaceProfile,
  Standards,
  StepResult,
} from './audits-types';

const spaceQuery = (f: SpaceFilter) => ({
  area: f.area,
  kind: f.kind?.length ? f.kind.join(',') : undefined,
  status: f.status?.length ? f.status.join(',') : undefined,
  compound: f.compound ?? undefined,
  campaign: f.campaign ?? undefined,
});

/** POSTs a file as the raw body; the API answers with an upload token. */
function postFile(path: string, file: Blob, signal?: AbortSignal): Promise<AuditUpload> {
  return sendBytes<AuditUpload>(path, file, signal);
}

export const auditsApi = {
  vocabulary: (signal?: AbortSignal) => getJson<AuditVocabulary>('audits/vocabulary', {}, signal),

  compounds: (area: number, signal?: AbortSignal) => getJson<{ compounds: Compound[] }>('audits/compounds', { area }, signal),
  compoundLayer: (area: number, signal?: AbortSignal) => getJson<CompoundLayer>('audits/compounds/layer', { area }, signal),
  /** Registers a compound; its community is the one holding the outline (422 `GEOMETRY_INVALID`, `OUTSIDE_COMMUNITIES`). */
  createCompound: (input: CompoundInput, signal?: AbortSignal) => sendJson<Compound>('POST', 'audits/compounds', input, signal),
  /** Edits a compound's attributes (the outline is fixed once registered). */
  patchCompound: (id: number, patch: CompoundPatch, signal?: AbortSignal) => sendJson<Compound>('PATCH', `audits/compounds/${id}`, patch, signal),

  spaces: (f: SpaceFilter, signal?: AbortSignal) => getJson<{ spaces: Space[] }>('audits/spaces', spaceQuery(f), signal),
  spaceLayer: (f: SpaceFilter, signal?: AbortSignal) => getJson<SpaceLayer>('audits/spaces/layer', spaceQuery(f), signal),
  /** Registers a space; 422 `SPACE_OUTSIDE_COMPOUND` names the compound. */
  createSpace: (input: SpaceInput, signal?: AbortSignal) => sendJson<Space>('POST', 'audits/spaces', input, signal),
  /** The profile (一档一册): attributes, files, demand, history. */
  space: (id: number, signal?: AbortSignal) => getJson<SpaceProfile>(`audits/spaces/${id}`, {}, signal),
  /** Edits a space's attributes; 409 when `version` is stale. Appended to the history as `edit`. */
  patchSpace: (id: number, patch: SpacePatch, signal?: AbortSignal) => sendJson<Space>('PATCH', `audits/spaces/${id}`, patch, signal),
  history: (id: number, signal?: AbortSignal) => getJson<{ entries: HistoryEntry[] }>(`audits/spaces/${id}/history`, {}, signal),

  /** @param kind - photo (re-encoded JPEG), document (PDF only) or auto */
  upload: (file: Blob, kind: 'photo' | 'document' | 'auto', signal?: AbortSignal) => postFile(`audits/uploads?kind=${kind}`, file, signal),
  fileHref: (id: number) => `/api/audits/files/${id}`,

  campaigns: (area: number, signal?: AbortSignal) => getJson<{ campaigns: Campaign[] }>('audits/campaigns', { area }, signal),
  campaign: (id: number, signal?: AbortSignal) => getJson<{ campaign: Campaign; spaces: Space[] }>(`audits/campaigns/${id}`, {}, signal),
  openCampaign: (input: CampaignInput, signal?: AbortSignal) => sendJson<Campaign>('POST', 'audits/campaigns', input, signal),
  closeCampaign: (id: number, signal?: AbortSignal) => sendJson<Campaign>('POST', `audits/campaigns/${id}/close`, {}, signal),
  /** Step 1 多方议 for a space. 409 names the allowed steps. */
  enrol: (campaignId: number, spaceId: number, note?: string, signal?: AbortSignal) =>
    sendJson<StepResult>('POST', `audits/campaigns/${campaignId}/spaces`, { spaceId, note: note || undefined }, signal),

  /** Public: campaigns open for leads today, with outlines. */
  leadCampaigns: (signal?: AbortSignal) => getJson<{ campaigns: OpenCampaign[] }>('audits/leads/campaigns', {}, signal),
  leadUpload: (photo: Blob, signal?: AbortSignal) => postFile('audits/leads/uploads', photo, signal),
  submitLead: (input: LeadInput, signal?: AbortSignal) => sendJson<{ id: number; campaignId: number; status: string }>('POST', 'audits/leads', input, signal),
  leads: (campaign: number, status?: string, signal?: AbortSignal) => getJson<{ leads: Lead[] }>('audits/leads', { campaign, status }, signal),
  triage: (id: number, body: { decision: 'accept' | 'reject' | 'duplicate'; spaceId?: number; note?: string }, signal?: AbortSignal) =>
    sendJson<{ lead: Lead; space: Space | null }>('POST', `audits/leads/${id}/triage`, body, signal),

  inspect: (spaceId: number, input: InspectionInput, signal?: AbortSignal) => sendJson<StepResult>('POST', `audits/spaces/${spaceId}/inspections`, input, signal),
  find: (spaceId: number, input: FindingInput, signal?: AbortSignal) => sendJson<StepResult>('POST', `audits/spaces/${spaceId}/findings`, input, signal),
  correct: (spaceId: number, input: CorrectionInput, signal?: AbortSignal) =>
    sendJson<{ entry: HistoryEntry; space: Space }>('POST', `audits/spaces/${spaceId}/corrections`, input, signal),
  convert: (spaceId: number, input: ConvertInput, signal?: AbortSignal) =>
    sendJson<{ entry: number; placeId: number; space: Space }>('POST', `audits/spaces/${spaceId}/convert`, input, signal),

  standards: (q: { area: number; rule?: string }, signal?: AbortSignal) => getJson<Standards>('audits/standards', q, signal),
  report: (q: { area: number; from: string; to: string }, signal?: AbortSignal) => getJson<AuditReport>('audits/report', q, signal),
  reportHref: (q: { area: number; from: string; to: string }, format: 'xlsx' | 'pdf' | 'html') => apiUrl(`audits/report.${format}`, q),

  /** Staff: every ledger entry of a compound, corrections included. */
  income: (compoundId: number, signal?: AbortSignal) => getJson<{ compoundId: number; entries: IncomeEntry[] }>(`audits/compounds/${compoundId}/income`, {}, signal),
  /** Appends a ledger entry, or a correction (`corrects`; 409 when that one was already corrected). */
  addIncome: (compoundId: number, input: IncomeInput, signal?: AbortSignal) => sendJson<IncomeEntry>('POST', `audits/compounds/${compoundId}/income`, input, signal),
  /** Public: a compound's income per year and category (no personal data). */
  incomeSummary: (compoundId: number, signal?: AbortSignal) => getJson<IncomeSummary>(`audits/compounds/${compoundId}/income/summary`, {}, signal),
};
