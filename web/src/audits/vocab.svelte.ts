/** The audit vocabulary (kinds, statuses, outcomes, parties, rules), loaded once and shared; names in the current language. */
import { auditsApi, type AuditVocabulary } from '../lib/api';
import { i18n } from '../lib/i18n.svelte';
import { Resource } from './resource.svelte';

class Vocab {
  readonly res = new Resource<AuditVocabulary>();
  #started = false;

  get value(): AuditVocabulary | null {
    return this.res.value;
  }

  /** Loads the vocabulary once (call from a component's setup, not while rendering). */
  ensure(): void {
    if (this.#started && (this.res.value || this.res.loading)) return;
    this.#started = true;
    void this.res.load((s) => auditsApi.vocabulary(s));
  }

  /** The name of a vocabulary value: English from our messages, else the server's Chinese. */
  label(group: 'kind' | 'status' | 'step' | 'outcome' | 'party' | 'subkind' | 'placeKind', value: string | null | undefined, zh?: string): string {
    if (!value) return '—';
    const key = `au.${group}.${value}`;
    if (i18n.has(key)) return i18n.t(key);
    return zh ?? value;
  }
}

export const vocab = new Vocab();
