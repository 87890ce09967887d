/**
 * Applies a kind's field specs (kind-fields.ts) to one feature's raw properties, then the
 * checks that involve several fields (code prefixes and lengths).
 */
import { isMissing } from './coerce.ts';
import { REASONS } from './errors.ts';
import { AREA_CODE_DIGITS, AREA_LEVELS, KINDS, type AreaLevel, type KindSpec } from './kind-fields.ts';
import type { ImportKind } from './types.ts';

type Props = Record<string, unknown>;

export interface Normalised {
  properties: Props;
  /** Reasons the record is invalid (empty when valid). */
  problems: string[];
  /** Fields filled from a default, for once-per-file warnings. */
  defaulted: string[];
}

/** Required fields (no fallback) and parentCode for areas: their column must exist in the file. */
export function columnsRequired(kind: ImportKind): string[] {
  const spec = KINDS[kind];
  const required = Object.entries(spec.fields).filter(([, f]) => !f.fallback).map(([name]) => name);
  return kind === 'areas' ? [...required, 'parentCode'] : required;
}

/** The required fields none of whose input names occurs in any record (a missing column). */
export function missingColumns(kind: ImportKind, all: Props[]): string[] {
  const spec: KindSpec = KINDS[kind];
  return columnsRequired(kind).filter((field) => {
    const names = spec.fields[field].from;
    return !all.some((p) => names.some((n) => n in p));
  });
}

function crossCheck(kind: ImportKind, r: Props): string[] {
  if (kind === 'areas') {
    const code = r.code as string;
    const level = r.level as AreaLevel;
    const parent = r.parentCode as string | null;
    const out: string[] = [];
    if (code.length !== AREA_CODE_DIGITS[level]) out.push(REASONS.codeLength(code, level, AREA_CODE_DIGITS[level]));
    if (level === 'street') {
      if (parent !== null) out.push(REASONS.fieldInvalid('parentCode', parent, 'a street has no parent (leave it empty)'));
    } else if (parent === null) {
      out.push(REASONS.fieldInvalid('parentCode', null, `a ${level} needs the code of its parent`));
    } else {
      const parentLevel = AREA_LEVELS[AREA_LEVELS.indexOf(level) - 1];
      if (parent.length !== AREA_CODE_DIGITS[parentLevel]) out.push(REASONS.codeLength(parent, parentLevel, AREA_CODE_DIGITS[parentLevel]));
      else if (!code.startsWith(parent)) out.push(REASONS.parentMismatch(code, parent));
    }
    return out;
  }
  if (kind === 'households') {
    const code = r.code as string;
    const unit = r.unit_code as string;
    return code.startsWith(unit) ? [] : [REASONS.fieldInvalid('code', code, `must start with its unit_code ${unit}`)];
  }
  return [];
}

export function normaliseProperties(kind: ImportKind, raw: Props): Normalised {
  const spec = KINDS[kind];
  const properties: Props = {};
  const problems: string[] = [];
  const defaulted: string[] = [];
  for (const [field, f] of Object.entries(spec.fields)) {
    const name = f.from.find((n) => !isMissing(raw[n]));
    let value: unknown;
    if (name !== undefined) value = raw[name];
    else if (f.fallback) {
      value = f.fallback(raw);
      defaulted.push(field);
    }
    const parsed = f.schema.safeParse(value ?? null);
    if (parsed.success) properties[field] = parsed.data;
    else if (name === undefined) problems.push(REASONS.fieldMissing(field));
    else problems.push(REASONS.fieldInvalid(name, value, parsed.error.issues[0]?.message ?? 'invalid'));
  }
  if (problems.length === 0) problems.push(...crossCheck(kind, properties));
  return { properties, problems, defaulted };
}
