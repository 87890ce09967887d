/**
 * Public income (小区公共收益, 幸福信托制): staff append ledger entries; anyone may read the
 * summary of a compound (totals per year and category, no names, no notes).
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import * as compounds from './compounds.repository.ts';
import * as income from './income.repository.ts';
import type { IncomeInput } from './inventory.schema.ts';
import { INCOME_ZH } from './vocabulary.ts';

type Db = Kysely<DB>;
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function ledger(db: Db, compoundId: number) {
  const rows = await income.entries(db, compoundId);
  return {
    compoundId,
    entries: rows.map((r) => ({
      id: r.id, period: r.period, category: r.category, categoryZh: INCOME_ZH[r.category as keyof typeof INCOME_ZH] ?? r.category,
      dueYuan: Number(r.due_yuan), collectedYuan: Number(r.collected_yuan), arrearsRecoveredYuan: Number(r.arrears_recovered_yuan), spentYuan: Number(r.spent_yuan),
      note: r.note, corrects: r.corrects, correctedBy: r.corrected_by, inForce: r.corrected_by === null,
      recordedBy: r.recorded_by === null ? null : { id: r.recorded_by, name: r.recorded_by_name }, recordedAt: new Date(r.recorded_at).toISOString(),
    })),
  };
}

export async function append(db: Db, actor: Actor, compoundId: number, community: number, input: IncomeInput) {
  const id = await db.transaction().execute(async (trx) => {
    if (input.corrects !== undefined) {
      const t = await income.findEntry(trx, input.corrects);
      if (!t || t.compound_id !== compoundId) throw notFound(`ledger entry ${input.corrects} of compound ${compoundId} does not exist`);
      if (t.corrected) throw conflict(`ledger entry ${input.corrects} was already corrected: correct the newest entry`);
    }
    const id = await income.insertEntry(trx, { compoundId, period: input.period, category: input.category, dueYuan: input.dueYuan, collectedYuan: input.collectedYuan,
      arrearsRecoveredYuan: input.arrearsRecoveredYuan, spentYuan: input.spentYuan, note: input.note ?? null, corrects: input.corrects ?? null, userId: actor.principal.user?.id ?? null, at: actor.at });
    await record(trx, actor, { action: 'audits.manage', targetType: 'compound_income', targetId: id, areaId: community, details: { compoundId, category: input.category, period: input.period, corrects: input.corrects ?? null } });
    return id;
  });
  return (await ledger(db, compoundId)).entries.find((e) => e.id === id)!;
}

export async function publicSummary(db: Db, compoundId: number) {
  const c = await compounds.findCompound(db, compoundId);
  if (!c) throw notFound(`compound ${compoundId} does not exist`);
  const rows = await income.summary(db, compoundId);
  const years = [...new Set(rows.map((r) => r.year))];
  return {
    compound: { id: c.id, name: c.name, communityName: c.community_name, propertyCompany: c.property_company, ownersCommittee: c.owners_committee },
    years: years.map((year) => {
      const ys = rows.filter((r) => r.year === year);
      const t = (k: 'due' | 'collected' | 'arrears' | 'spent') => round2(ys.reduce((s, r) => s + Number(r[k]), 0));
      return {
        year,
        categories: ys.map((r) => ({ category: r.category, categoryZh: INCOME_ZH[r.category as keyof typeof INCOME_ZH] ?? r.category, dueYuan: Number(r.due), collectedYuan: Number(r.collected), arrearsRecoveredYuan: Number(r.arrears), spentYuan: Number(r.spent) })),
        totals: { dueYuan: t('due'), collectedYuan: t('collected'), arrearsRecoveredYuan: t('arrears'), spentYuan: t('spent'), balanceYuan: round2(t('collected') + t('arrears') - t('spent')) },
      };
    }),
  };
}
