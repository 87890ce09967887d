/**
 * A report being written: category and its fields, location (GPS, a tap on the map, or a building),
 * description, photos (uploaded at once, kept as tokens), optional contact. Before it is sent the
 * open reports of the same category within 50 m are fetched, so the reporter can add a "me too".
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardCategory, HazardFiled, HazardNearby, HazardReportInput } from '../lib/api/hazards-types';
import { shrinkPhoto } from './photo';

/** The server takes at most this many photos per report. */
export const MAX_PHOTOS = 3;
const LOCATE_TIMEOUT_MS = 8000;

export interface DraftPhoto {
  token: string;
  /** An object URL of what was sent, for the thumbnail. */
  preview: string;
}

export class ReportDraft {
  category = $state<HazardCategory | null>(null);
  details = $state<Record<string, unknown>>({});
  description = $state('');
  /** WGS84 [lon, lat] of the pin. */
  point = $state.raw<[number, number] | null>(null);
  building = $state.raw<{ id: number; name: string | null } | null>(null);
  emergency = $state(false);
  anonymous = $state(true);
  contactName = $state('');
  contactPhone = $state('');
  photos = $state.raw<DraftPhoto[]>([]);
  uploading = $state(0);
  locating = $state(false);
  locateFailed = $state(false);
  nearby = $state.raw<HazardNearby | null>(null);
  submitting = $state(false);
  error = $state.raw<unknown>(null);
  filed = $state.raw<HazardFiled | null>(null);
  meToo = $state.raw<{ id: number; meToo: number } | null>(null);

  /** Required category fields still empty (their labels). */
  readonly missing = $derived.by(() => {
    const out: string[] = [];
    for (const f of this.category?.fields ?? []) {
      const v = this.details[f.key];
      if (f.required && f.type !== 'boolean' && (v === undefined || v === null || v === '')) out.push(f.label);
    }
    return out;
  });
  readonly ready = $derived(!!this.category && !!this.point && this.description.trim().length >= 2 && this.missing.length === 0 && this.uploading === 0);

  #nearby: AbortController | null = null;
  #work = new AbortController();

  setCategory(c: HazardCategory): void {
    if (this.category?.code === c.code) return;
    this.category = c;
    this.details = {};
  }

  setDetail(key: string, value: unknown): void {
    this.details = { ...this.details, [key]: value };
  }

  setPoint(point: [number, number], building: { id: number; name: string | null } | null = null): void {
    this.point = point;
    this.building = building;
    this.locateFailed = false;
  }

  locate(): void {
    if (!('geolocation' in navigator)) {
      this.locateFailed = true;
      return;
    }
    this.locating = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.locating = false;
        this.setPoint([pos.coords.longitude, pos.coords.latitude]);
      },
      () => {
        this.locating = false;
        this.locateFailed = true;
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 30_000 },
    );
  }

  /** Open reports of the chosen category near the pin (the older request is aborted). */
  async loadNearby(): Promise<void> {
    this.#nearby?.abort();
    if (!this.category || !this.point) {
      this.nearby = null;
      return;
    }
    const ctrl = (this.#nearby = new AbortController());
    try {
      this.nearby = await hazardsApi.nearby({ lon: this.point[0], lat: this.point[1], category: this.category.code }, ctrl.signal);
    } catch (err) {
      if (!isAbortError(err)) this.nearby = null;
    }
  }

  async addPhotos(files: readonly File[]): Promise<void> {
    for (const file of files.slice(0, MAX_PHOTOS - this.photos.length - this.uploading)) {
      this.uploading++;
      try {
        const blob = await shrinkPhoto(file);
        const up = await hazardsApi.upload(blob, this.#work.signal);
        this.photos = [...this.photos, { token: up.upload, preview: URL.createObjectURL(blob) }];
      } catch (err) {
        if (!isAbortError(err)) this.error = err;
      } finally {
        this.uploading--;
      }
    }
  }

  removePhoto(token: string): void {
    const p = this.photos.find((x) => x.token === token);
    if (p) URL.revokeObjectURL(p.preview);
    this.photos = this.photos.filter((x) => x.token !== token);
  }

  input(): HazardReportInput | null {
    if (!this.category || !this.point) return null;
    const contact = this.anonymous ? undefined : { name: this.contactName.trim() || undefined, phone: this.contactPhone.trim() || undefined };
    return {
      category: this.category.code,
      description: this.description.trim(),
      location: this.building ? { buildingId: this.building.id } : { lon: +this.point[0].toFixed(7), lat: +this.point[1].toFixed(7) },
      details: $state.snapshot(this.details),
      emergency: this.emergency,
      contact: contact && (contact.name || contact.phone) ? contact : undefined,
      photos: this.photos.map((p) => p.token),
    };
  }

  async submit(): Promise<HazardFiled | null> {
    const body = this.input();
    if (!body || this.submitting) return null;
    this.submitting = true;
    this.error = null;
    try {
      this.filed = await hazardsApi.report(body, this.#work.signal);
      return this.filed;
    } catch (err) {
      if (!isAbortError(err)) this.error = err;
      return null;
    } finally {
      this.submitting = false;
    }
  }

  /** Adds the reporter to an open case instead of filing a duplicate. */
  async addMeToo(id: number): Promise<void> {
    this.error = null;
    try {
      const r = await hazardsApi.meToo(id, this.#work.signal);
      this.meToo = { id: r.id, meToo: r.meToo };
    } catch (err) {
      if (!isAbortError(err)) this.error = err;
    }
  }

  /** Aborts what is under way and frees the previews. */
  dispose(): void {
    this.#work.abort();
    this.#nearby?.abort();
    for (const p of this.photos) URL.revokeObjectURL(p.preview);
  }
}
