/**
 * The public finder's state: the search (origin, service chips, open now, step-free, rider mode),
 * kept in the URL hash (`#/finder?…`), the vocabulary, the nearest places and the selected one.
 * A newer search aborts the older; closing aborts everything.
 */
import { api, ApiError, isAbortError, type NearestResult, type PlacesVocabulary } from '../lib/api';
import { DEFAULT_SEARCH, finderHash, isFinderHash, parseFinderHash, type FinderSearch } from './finder-url';

/** Results asked for; every one carries its route (the API allows ≤ 10 routes). */
export const FINDER_LIMIT = 10;
/** Give up on the browser's position after this long, ms. */
const LOCATE_TIMEOUT_MS = 8000;

export type LocateProblem = 'unsupported' | 'denied' | 'unavailable';

export class FinderState {
  active = $state(isFinderHash(location.hash));
  search = $state<FinderSearch>(isFinderHash(location.hash) ? parseFinderHash(location.hash) : { ...DEFAULT_SEARCH });
  vocabulary = $state.raw<PlacesVocabulary | null>(null);
  results = $state.raw<NearestResult[] | null>(null);
  selectedId = $state<number | null>(null);
  loading = $state(false);
  /** An API error of the last search: its code (`NOT_ON_NETWORK`, …) and message. */
  error = $state<{ code: string; message: string } | null>(null);
  locating = $state(false);
  locateProblem = $state<LocateProblem | null>(null);

  readonly selected = $derived(this.results?.find((r) => r.place.id === this.selectedId) ?? null);

  /** Service chips in display order: rider mode puts the rider services first. */
  readonly serviceOrder = $derived.by(() => {
    const all = this.vocabulary?.services ?? [];
    if (!this.search.rider) return all;
    const rider = this.vocabulary?.riderServices ?? [];
    const rank = (k: string) => (rider.includes(k) ? rider.indexOf(k) : rider.length);
    return [...all].sort((a, b) => rank(a.key) - rank(b.key));
  });

  #search: AbortController | null = null;
  #vocab: AbortController | null = null;

  constructor() {
    window.addEventListener('hashchange', () => {
      if (isFinderHash(location.hash)) {
        const next = parseFinderHash(location.hash);
        if (finderHash(next) !== finderHash(this.search) || !this.active) {
          this.search = next;
          this.active = true;
        }
      } else if (this.active) this.#deactivate();
    });
  }

  /** Opens the finder (a history entry, so Back closes it). */
  open(): void {
    if (this.active) return;
    this.active = true;
    location.hash = finderHash(this.search).slice(1);
  }

  close(): void {
    if (!this.active) return;
    this.#deactivate();
    location.hash = '';
  }

  #deactivate(): void {
    this.active = false;
    this.#search?.abort();
    this.#vocab?.abort();
    this.results = null;
    this.selectedId = null;
    this.error = null;
    this.loading = false;
  }

  #update(patch: Partial<FinderSearch>): void {
    this.search = { ...this.search, ...patch };
    if (this.active) history.replaceState(null, '', finderHash(this.search));
  }

  setOrigin(origin: [number, number]): void {
    this.locateProblem = null;
    this.#update({ origin });
  }
  toggleService(key: string): void {
    const s = this.search.services;
    this.#update({ services: s.includes(key) ? s.filter((k) => k !== key) : [...s, key] });
  }
  setOpenNow(v: boolean): void {
    this.#update({ openNow: v });
  }
  setStepFree(v: boolean): void {
    this.#update({ stepFree: v });
  }
  /** Rider mode: big targets, rider services first, open now on. */
  setRider(v: boolean): void {
    this.#update(v ? { rider: true, openNow: true } : { rider: false });
  }
  select(id: number | null): void {
    this.selectedId = id;
  }

  async loadVocabulary(): Promise<void> {
    if (this.vocabulary) return;
    this.#vocab?.abort();
    const ctrl = (this.#vocab = new AbortController());
    try {
      this.vocabulary = await api.placesVocabulary(ctrl.signal);
    } catch (err) {
      if (!isAbortError(err)) this.error = { code: 'VOCABULARY', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Nearest places for the current search; keeps the selection when that place is still listed. */
  async load(q: FinderSearch): Promise<void> {
    if (!q.origin) return;
    this.#search?.abort();
    const ctrl = (this.#search = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      const answer = await api.placesNearest(
        { lon: q.origin[0], lat: q.origin[1], services: q.services, openAt: q.openNow ? 'now' : undefined, stepFree: q.stepFree, limit: FINDER_LIMIT, routes: FINDER_LIMIT },
        ctrl.signal,
      );
      this.results = answer.results;
      if (!answer.results.some((r) => r.place.id === this.selectedId)) this.selectedId = answer.results[0]?.place.id ?? null;
    } catch (err) {
      if (isAbortError(err)) return;
      this.results = null;
      this.selectedId = null;
      this.error = err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) };
    } finally {
      if (this.#search === ctrl) this.loading = false;
    }
  }

  /**
   * The browser's position as the origin. Without it (unsupported, refused, timed out) the
   * `fallback` (e.g. the map's centre) is used when given, and the problem is kept so the panel
   * can ask for a tap on the map instead.
   */
  locate(fallback?: () => [number, number] | null): void {
    this.locateProblem = null;
    const failed = (problem: LocateProblem) => {
      this.locating = false;
      this.locateProblem = problem;
      const at = fallback?.();
      if (at && !this.search.origin) this.#update({ origin: at });
    };
    if (!('geolocation' in navigator)) return failed('unsupported');
    this.locating = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.locating = false;
        this.setOrigin([pos.coords.longitude, pos.coords.latitude]);
      },
      (err) => failed(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
    );
  }
}
