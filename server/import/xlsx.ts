/**
 * XLSX reader (exceljs): the first worksheet, its first non-empty row as the header.
 * Row numbers in messages are the sheet's own row numbers.
 */
import ExcelJS from 'exceljs';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { rowsToFeatures, type TableRow } from './tabular.ts';
import type { ImportKind, ParseResult, ProgressFn } from './types.ts';

/** Flattens an exceljs cell value (rich text, formula, hyperlink, date…) to a plain value. */
export function cellValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

export async function parseXlsx(bytes: Uint8Array, file: string, kind: ImportKind, onProgress?: ProgressFn): Promise<ParseResult> {
  const errors = new ErrorCollector();
  const fail = (reason: string): ParseResult => {
    errors.add(C.PARSE, file, reason);
    return { features: [], warnings: [], errors: errors.errors };
  };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it needs.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    return fail(REASONS.xlsxInvalid((e as Error).message));
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return fail(REASONS.xlsxNoSheet());
  let header: unknown[] | null = null;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based: index 0 is always empty.
    const cells = (row.values as unknown[]).slice(1).map(cellValue);
    if (header === null) header = cells;
    else rows.push({ row: rowNumber, cells });
  });
  if (header === null) return fail(REASONS.headerEmpty());
  const result = rowsToFeatures(header, rows, file, kind, onProgress);
  if (wb.worksheets.length > 1) result.warnings.push(`${file}: ${wb.worksheets.length} worksheets; only the first (${JSON.stringify(sheet.name)}) was read`);
  return result;
}
