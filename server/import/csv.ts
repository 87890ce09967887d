/**
 * CSV reader (csv-parse). Text is UTF-8 (a BOM is allowed); files saved by Excel/WPS in China are
 * often GB18030, which is detected when the bytes are not valid UTF-8. Comma or tab separated.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { rowsToFeatures, type TableRow } from './tabular.ts';
import type { ImportKind, ParseResult, ProgressFn } from './types.ts';

/** Decodes bytes as UTF-8, or as GB18030 when they are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

type InfoRecord = { record: string[]; info: { lines: number } };

export function parseCsv(bytes: Uint8Array, file: string, kind: ImportKind, onProgress?: ProgressFn): ParseResult {
  const { text, encoding } = decodeText(bytes);
  let records: InfoRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as InfoRecord[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const errors = new ErrorCollector();
    errors.add(C.PARSE, file, REASONS.csvInvalid(e.message));
    return { features: [], warnings: [], errors: errors.errors };
  }
  if (records.length === 0) {
    const errors = new ErrorCollector();
    errors.add(C.PARSE, file, REASONS.headerEmpty());
    return { features: [], warnings: [], errors: errors.errors };
  }
  // info.lines is the line a record ends on; a quoted cell may span lines, so count back to its start.
  const rows: TableRow[] = records.slice(1).map(({ record, info }) => ({
    row: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  const result = rowsToFeatures(records[0].record, rows, file, kind, onProgress);
  if (encoding === 'gb18030') result.warnings.push(`${file}: not UTF-8; read as GB18030 (GBK)`);
  return result;
}
