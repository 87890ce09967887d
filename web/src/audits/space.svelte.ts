/** One space's profile page (一档一册): the profile, the campaigns it may join, the steps allowed now. */
import { auditsApi, type Campaign, type Space, type SpaceProfile } from '../lib/api';
import { Resource, Submission } from './resource.svelte';
import { vocab } from './vocab.svelte';

export type AuditStep = 'agree' | 'lead' | 'inspection' | 'finding';

/** Mirrors server/audits/audit.workflow.ts allowedSteps (the server decides; this only picks the forms). */
export function allowedSteps(s: Pick<Space, 'status' | 'auditStage' | 'campaignOpen'>): AuditStep[] {
  if (s.status === 'converted') return [];
  if (!s.campaignOpen || s.auditStage === null || s.auditStage === 'found') return ['agree'];
  if (s.auditStage === 'agreed') return ['lead', 'inspection'];
  return ['lead', 'inspection', 'finding'];
}

export const CONVERTIBLE = ['reclaimed', 'idle'];

export class SpaceState {
  readonly profile = new Resource<SpaceProfile>();
  readonly campaigns = new Resource<{ campaigns: Campaign[] }>();
  readonly submit = new Submission();
  /** The last step that went through, for a short confirmation. */
  done = $state<string | null>(null);

  constructor(readonly id: number) {
    vocab.ensure();
  }

  async reload(): Promise<void> {
    const p = await this.profile.load((s) => auditsApi.space(this.id, s));
    const area = p?.space.communityId;
    if (area) void this.campaigns.load((s) => auditsApi.campaigns(area, s));
  }

  get space(): Space | null {
    return this.profile.value?.space ?? null;
  }

  get allowed(): AuditStep[] {
    return this.space ? allowedSteps(this.space) : [];
  }

  get convertible(): boolean {
    return !!this.space && CONVERTIBLE.includes(this.space.status) && this.space.placeId === null;
  }

  /** Runs a step; on success reloads the profile (status, history) and remembers what was done. */
  async step<T>(what: string, action: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.done = null;
    const r = await this.submit.run(action);
    if (r !== null) {
      this.done = what;
      await this.reload();
    }
    return r;
  }

  /** Uploads files (photos re-encoded, PDFs checked) and returns their tokens. */
  async uploads(files: FileList | File[] | null, kind: 'photo' | 'document', signal: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    for (const f of files ?? []) out.push((await auditsApi.upload(f, kind, signal)).upload);
    return out;
  }
}
