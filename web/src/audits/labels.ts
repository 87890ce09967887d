/** Names of vocabulary values that are not in vocab.label's groups: English from our messages, else the server's Chinese. */
import { i18n } from '../lib/i18n.svelte';

export const incomeCategoryLabel = (value: string, zh?: string): string =>
  i18n.has(`au.incomeCat.${value}`) ? i18n.t(`au.incomeCat.${value}` as 'au.incomeCat.parking') : (zh ?? value);

export const compoundTypeLabel = (value: string, zh?: string): string =>
  i18n.has(`au.ctype.${value}`) ? i18n.t(`au.ctype.${value}` as 'au.ctype.old') : (zh ?? value);

export const ruleLabel = (id: string, zh?: string): string =>
  i18n.has(`au.rule.${id}`) ? i18n.t(`au.rule.${id}` as 'au.rule.p2_min80') : (zh ?? id);
