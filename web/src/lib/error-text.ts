/**
 * An API error for people: a summary in the current language by its stable code, followed by the
 * server's message, which names the bad input (e.g. `user name wang.wei … is already taken`).
 */
import { ApiError } from './api';
import { i18n, type MessageKey } from './i18n.svelte';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}`;
    return i18n.has(key) ? i18n.t('error.withDetail', { summary: i18n.t(key as MessageKey), detail: err.message }) : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
