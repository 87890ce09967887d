/**
 * The staff audits screen: the area (from my jurisdictions), the tab, the filters, and what the tabs
 * share — spaces (list and map layer), compounds (and outlines), campaigns of the area.
 */
import type { AuthState } from '../auth/auth.svelte';
import { api, auditsApi, type AreaId, type Bbox, type Campaign, type Compound, type CompoundLayer, type Space, type SpaceLayer } from '../lib/api';
import { Resource } from './resource.svelte';
import { vocab } from './vocab.svelte';

export const TABS = ['spaces', 'register', 'standards', 'compounds', 'campaigns', 'leads', 'report'] as const;
export type Tab = (typeof TABS)[number];

export interface AreaOption {
  id: number;
  name: string;
  level: string;
}

export class StaffState {
  tab = $state<Tab>('spaces');
  areaOptions = $state.raw<AreaOption[]>([]);
  area = $state<number | null>(null);
  bbox = $state.raw<Bbox | null>(null);
  kinds = $state<string[]>([]);
  statuses = $state<string[]>([]);
  compound = $state<number | null>(null);
  campaign = $state<number | null>(null);
  view = $state<'map' | 'list'>('map');
  /** The compounds tab: a compound's view (attributes, ledger), a new compound being drawn, or the list. */
  compoundView = $state<number | 'new' | null>(null);
  readonly spaces = new Resource<{ spaces: Space[] }>();
  readonly layer = new Resource<SpaceLayer>();
  readonly compounds = new Resource<{ compounds: Compound[] }>();
  readonly outlines = new Resource<CompoundLayer>();
  readonly campaigns = new Resource<{ campaigns: Campaign[] }>();
  readonly areaDetail = new Resource<{ bbox: Bbox }>();

  constructor(private auth: AuthState) {
    vocab.ensure();
  }

  /** Builds the area choices from my jurisdictions (a street brings its communities), picks the first. */
  async init(signal?: AbortSignal): Promise<void> {
    const out: AreaOption[] = [];
    for (const j of this.auth.jurisdictions) {
      if (j.area === null) {
        const streets = await api.areas({ level: 'street' }, signal);
        for (const f of streets.features) out.push({ id: Number(f.properties.id), name: String(f.properties.name), level: 'street' });
        continue;
      }
      if (out.some((o) => o.id === Number(j.area!.id))) continue;
      out.push({ id: Number(j.area.id), name: j.area.name, level: j.area.level });
      if (j.area.level === 'street') {
        const d = await api.area(j.area.id, signal);
        for (const c of d.children) if (!out.some((o) => o.id === Number(c.id))) out.push({ id: Number(c.id), name: c.name, level: c.level });
      }
    }
    this.areaOptions = out;
    if (this.area === null && out.length) this.setArea(out[0].id);
  }

  setArea(id: number): void {
    this.area = id;
    this.compound = null;
    this.campaign = null;
    this.compoundView = null;
    void this.areaDetail.load((s) => api.area(id as AreaId, s)).then((d) => d && (this.bbox = d.bbox));
    void this.compounds.load((s) => auditsApi.compounds(id, s));
    void this.outlines.load((s) => auditsApi.compoundLayer(id, s));
    void this.campaigns.load((s) => auditsApi.campaigns(id, s));
    this.reloadSpaces();
  }

  reloadSpaces(): void {
    if (this.area === null) return;
    const f = { area: this.area, kind: this.kinds, status: this.statuses, compound: this.compound, campaign: this.campaign };
    void this.spaces.load((s) => auditsApi.spaces(f, s));
    void this.layer.load((s) => auditsApi.spaceLayer(f, s));
  }

  /** Opens a compound's view on the compounds tab (from the standards table or the list). */
  openCompound(id: number): void {
    this.compoundView = id;
    this.tab = 'compounds';
  }

  reloadCompounds(): void {
    const id = this.area;
    if (id === null) return;
    void this.compounds.load((s) => auditsApi.compounds(id, s));
    void this.outlines.load((s) => auditsApi.compoundLayer(id, s));
  }

  reloadCampaigns(): void {
    const id = this.area;
    if (id !== null) void this.campaigns.load((s) => auditsApi.campaigns(id, s));
  }

  get areaName(): string {
    return this.areaOptions.find((o) => o.id === this.area)?.name ?? '';
  }
}
