/** A compound's income ledger on the staff screen: the entries, the entry being corrected, the save. */
import { auditsApi, type IncomeEntry, type IncomeInput } from '../lib/api';
import { Resource, Submission } from './resource.svelte';

export class IncomeState {
  readonly ledger = new Resource<{ compoundId: number; entries: IncomeEntry[] }>();
  readonly submit = new Submission();
  /** The entry a correction will replace (the original stays in the ledger, marked corrected). */
  correcting = $state.raw<IncomeEntry | null>(null);
  saved = $state(false);

  constructor(readonly compoundId: number) {}

  reload(): Promise<unknown> {
    return this.ledger.load((s) => auditsApi.income(this.compoundId, s));
  }

  get entries(): IncomeEntry[] {
    return this.ledger.value?.entries ?? [];
  }

  /** Appends an entry (or the correction of `correcting`), then reloads the ledger. */
  async add(input: Omit<IncomeInput, 'corrects'>): Promise<boolean> {
    this.saved = false;
    const corrects = this.correcting?.id;
    const r = await this.submit.run((s) => auditsApi.addIncome(this.compoundId, { ...input, corrects }, s));
    if (r === null) return false;
    this.saved = true;
    this.correcting = null;
    await this.reload();
    return true;
  }

  abort(): void {
    this.ledger.abort();
    this.submit.abort();
  }
}
