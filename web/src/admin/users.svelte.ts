/**
 * Accounts in the admin's scope (`GET /api/users`, paged) and the changes an admin makes: create
 * an account, grant and revoke roles. The list is cancellable; every change answers with the
 * account as it now is, which replaces the row.
 */
import { api, isAbortError, type Account, type GrantInput, type NewAccount } from '../lib/api';
import { errorText } from '../lib/error-text';

export const USERS_PAGE = 50;

export type Outcome = { ok: true; account: Account } | { ok: false; message: string };

export class UsersState {
  users = $state.raw<Account[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The last page was full: there may be more. */
  more = $state(false);
  /** Accounts created or changed in this visit, shown first and marked. */
  touched = $state.raw<ReadonlySet<number>>(new Set());
  #area: number | undefined;
  #controller: AbortController | null = null;

  /**
   * Lists accounts with a grant in `area` and below.
   * @param area - undefined: everywhere (only for admins without a jurisdiction limit)
   */
  async load(area: number | undefined, append = false): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#area = area;
    this.loading = true;
    this.error = null;
    if (!append) this.users = [];
    try {
      const offset = append ? this.users.length : 0;
      const r = await api.users({ area, limit: USERS_PAGE, offset }, controller.signal);
      this.users = append ? [...this.users, ...r.users] : r.users;
      this.more = r.users.length === USERS_PAGE;
    } catch (err) {
      if (isAbortError(err)) return;
      this.error = errorText(err);
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  loadMore(): Promise<void> {
    return this.load(this.#area, true);
  }

  create(input: NewAccount): Promise<Outcome> {
    return this.#change(() => api.createUser(input));
  }

  grant(userId: number, grant: GrantInput): Promise<Outcome> {
    return this.#change(() => api.addGrant(userId, grant));
  }

  revoke(userId: number, grantId: number): Promise<Outcome> {
    return this.#change(() => api.revokeGrant(userId, grantId));
  }

  async #change(call: () => Promise<Account>): Promise<Outcome> {
    try {
      const account = await call();
      this.users = [account, ...this.users.filter((u) => u.id !== account.id)];
      this.touched = new Set([...this.touched, account.id]);
      return { ok: true, account };
    } catch (err) {
      return { ok: false, message: errorText(err) };
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.users = [];
    this.touched = new Set();
    this.loading = false;
    this.error = null;
    this.more = false;
  }
}
