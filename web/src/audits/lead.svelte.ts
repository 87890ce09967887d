/** The public 居民提 page: open campaigns, the pin, the description, an optional photo, anonymous or a contact. */
import type { FeatureCollection } from 'geojson';
import { auditsApi, type Bbox, type OpenCampaign } from '../lib/api';
import { Resource, Submission } from './resource.svelte';

function bboxOf(c: OpenCampaign[]): Bbox | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      xs.push(v[0] as number);
      ys.push(v[1] as number);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const k of c) walk((k.geometry as { coordinates?: unknown }).coordinates);
  return xs.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : null;
}

export class LeadForm {
  readonly campaigns = new Resource<{ campaigns: OpenCampaign[] }>();
  readonly submit = new Submission();
  campaign = $state<number | null>(null);
  pin = $state.raw<[number, number] | null>(null);
  description = $state('');
  photo = $state<FileList | null>(null);
  anonymous = $state(true);
  contact = $state('');
  filed = $state.raw<{ id: number; campaignId: number } | null>(null);

  load(): void {
    void this.campaigns.load((s) => auditsApi.leadCampaigns(s)).then((r) => {
      if (r && this.campaign === null && r.campaigns.length) this.campaign = r.campaigns[0].id;
    });
  }

  get chosen(): OpenCampaign | null {
    return this.campaigns.value?.campaigns.find((c) => c.id === this.campaign) ?? null;
  }

  get outlines(): FeatureCollection {
    const c = this.chosen;
    return { type: 'FeatureCollection', features: c ? [{ type: 'Feature', properties: { id: c.id }, geometry: c.geometry }] : [] };
  }

  get bbox(): Bbox | null {
    const c = this.chosen;
    return c ? bboxOf([c]) : null;
  }

  async send(): Promise<void> {
    const pin = this.pin;
    if (!pin) return;
    const r = await this.submit.run(async (s) => {
      const file = this.photo?.[0];
      const photo = file ? (await auditsApi.leadUpload(file, s)).upload : undefined;
      return auditsApi.submitLead({ lon: pin[0], lat: pin[1], description: this.description.trim(), campaignId: this.campaign ?? undefined, photo, contact: this.anonymous ? undefined : this.contact.trim() || undefined }, s);
    });
    if (r) this.filed = { id: r.id, campaignId: r.campaignId };
  }

  reset(): void {
    this.filed = null;
    this.pin = null;
    this.description = '';
    this.photo = null;
  }
}
