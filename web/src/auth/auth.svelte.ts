/**
 * Who is signed in: the user, their grants and the actions the server allows them
 * (`GET /api/auth/me`). The UI uses it only to hide what a user cannot do; the server decides.
 */
import { api, ApiError, isAbortError, setUnauthorizedListener, type Action, type AreaId, type Grant, type LoginInput, type Me } from '../lib/api';

const ANONYMOUS: Me = { user: null, grants: [], actions: [] };

/** Roles whose area-less grant means "everywhere" (docs/API.md: an admin grant without an area). */
const UNLIMITED_WITHOUT_AREA = new Set(['admin']);
/** Roles whose area is not a jurisdiction (a resident's compound or household). */
const NOT_JURISDICTION = new Set(['resident', 'rider']);

/** A jurisdiction of the user: an area and everything below it, or everywhere (`area` null). */
export interface Jurisdiction {
  area: Grant['area'];
  roles: string[];
}

export type LoginError = { kind: 'invalid' } | { kind: 'tooMany'; until: number } | { kind: 'other'; message: string };

export class AuthState {
  me = $state.raw<Me>(ANONYMOUS);
  /** The first answer from the server has come (until then nothing personal is offered). */
  ready = $state(false);
  busy = $state(false);
  loginError = $state.raw<LoginError | null>(null);
  /** Set when a session ends without the user logging out (expired, or ended elsewhere). */
  sessionEnded = $state(false);
  #controller: AbortController | null = null;

  constructor() {
    setUnauthorizedListener((err) => {
      if (err.code !== 'INVALID_CREDENTIALS' && this.me.user) {
        this.sessionEnded = true;
        void this.refresh();
      }
    });
  }

  get user(): Me['user'] {
    return this.me.user;
  }

  /** The server lets this user perform `action` somewhere. */
  can(action: Action): boolean {
    return this.me.actions.includes(action);
  }

  /** Distinct jurisdictions of the user's grants, widest first (everywhere, street, community, grid). */
  get jurisdictions(): Jurisdiction[] {
    const by = new Map<string, Jurisdiction>();
    for (const g of this.me.grants) {
      if (NOT_JURISDICTION.has(g.role)) continue;
      if (!g.area && !UNLIMITED_WITHOUT_AREA.has(g.role)) continue;
      const key = g.area ? String(g.area.id) : '*';
      const j = by.get(key) ?? { area: g.area, roles: [] };
      j.roles.push(g.role);
      by.set(key, j);
    }
    const rank = (j: Jurisdiction) => (j.area ? ['street', 'community', 'grid', 'unit'].indexOf(j.area.level) + 1 : 0);
    return [...by.values()].sort((a, b) => rank(a) - rank(b));
  }

  /**
   * Some jurisdiction of the user covers an area.
   * @param chain - the area's id and the ids of all its ancestors
   */
  covers(chain: readonly AreaId[]): boolean {
    const ids = new Set(chain.map(String));
    return this.jurisdictions.some((j) => j.area === null || ids.has(String(j.area.id)));
  }

  /** Asks the server who we are (at start, after a 401, after log-in or log-out). */
  async refresh(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      this.me = await api.me(controller.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.me = ANONYMOUS; // nothing personal is offered while we do not know
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.ready = true;
      }
    }
  }

  /** @returns true when logged in; otherwise `loginError` says why. */
  async login(input: LoginInput): Promise<boolean> {
    this.#controller?.abort();
    this.busy = true;
    this.loginError = null;
    try {
      this.me = await api.login(input);
      this.sessionEnded = false;
      this.ready = true;
      return true;
    } catch (err) {
      this.loginError = loginErrorOf(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async logout(): Promise<void> {
    this.#controller?.abort();
    this.busy = true;
    try {
      await api.logout();
    } catch {
      // the session may be gone already; forget it here either way
    } finally {
      this.me = ANONYMOUS;
      this.sessionEnded = false;
      this.busy = false;
    }
  }

  clearLoginError(): void {
    this.loginError = null;
  }
}

function loginErrorOf(err: unknown): LoginError {
  if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') return { kind: 'invalid' };
  if (err instanceof ApiError && err.status === 429) {
    const fromDetails = (err.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
    const s = err.retryAfterS ?? (typeof fromDetails === 'number' ? fromDetails : 60);
    return { kind: 'tooMany', until: Date.now() + s * 1000 };
  }
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}
