/** The triage queue of one campaign: its leads, and the spaces a lead may be about (nearest first). */
import { auditsApi, type Lead, type Space } from '../lib/api';
import { Resource, Submission } from './resource.svelte';

/** Metres between two WGS84 points (equirectangular; fine at the scale of a compound). */
export function distanceM(a: [number, number], b: [number, number]): number {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k);
  const y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6_371_000;
}

export class LeadsQueue {
  campaign = $state<number | null>(null);
  status = $state<'new' | 'accepted' | 'rejected' | 'duplicate' | ''>('new');
  readonly leads = new Resource<{ leads: Lead[] }>();
  readonly submit = new Submission();

  reload(): void {
    const id = this.campaign;
    const status = this.status || undefined;
    if (id !== null) void this.leads.load((s) => auditsApi.leads(id, status, s));
  }

  /** Spaces nearest the lead first, with their distance in metres. */
  nearest(lead: Lead, spaces: Space[]): { space: Space; m: number }[] {
    return spaces.map((space) => ({ space, m: distanceM([lead.lon, lead.lat], [space.lon, space.lat]) })).sort((a, b) => a.m - b.m);
  }

  async triage(lead: Lead, decision: 'accept' | 'reject' | 'duplicate', spaceId: number | null, note: string): Promise<boolean> {
    const r = await this.submit.run((s) => auditsApi.triage(lead.id, { decision, spaceId: spaceId ?? undefined, note: note.trim() || undefined }, s));
    if (r) this.reload();
    return r !== null;
  }
}
