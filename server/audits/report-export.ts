/**
 * Exports of the report: XLSX (exceljs, one sheet per table, Chinese headers), a PDF (the same
 * tables, A4, server/pdf/tables.pdf.ts) and a printable HTML page (Chinese, print CSS, no script). The page's one <style> is allowed by its own CSP hash, since
 * the app's CSP forbids inline styles (server/http/security.ts).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { renderTablesPdf } from '../pdf/tables.pdf.ts';
import type { Report } from './report.ts';
import { reportTables } from './report-tables.ts';

export async function reportXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '幸福家园';
  wb.created = new Date(0);
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.title);
    ws.addRow(t.headers).font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    ws.columns.forEach((c, i) => (c.width = Math.max(10, ...[t.headers[i], ...t.rows.map((x) => x[i])].map((v) => String(v ?? '').length * 2))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LEVEL_ZH: Record<string, string> = { street: '街道', community: '社区' };

/** @param now the printing time (its China date is printed at the foot) */
export function reportPdf(r: Report, now: Date): Promise<Buffer> {
  return renderTablesPdf({
    title: `两房一共核查报告 · ${r.area.name}`,
    subtitle: `${LEVEL_ZH[r.area.level] ?? r.area.level} · 统计期间 ${r.period.from} 至 ${r.period.to}`,
    printed: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    tables: reportTables(r),
  });
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#111}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}p.meta{color:#555;margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #999;padding:4px 6px;text-align:left}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}@page{size:A4;margin:15mm}}
`;
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;

export function reportHtml(r: Report): string {
  const tables = reportTables(r)
    .map((t) => `<h2>${esc(t.title)}</h2><table><thead><tr>${t.headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
      .map((row) => `<tr>${row.map((v) => `<td${typeof v === 'number' ? ' class="n"' : ''}>${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>两房一共核查报告 · ${esc(r.area.name)}</title><style>${STYLE}</style></head>
<body><h1>两房一共核查报告 · ${esc(r.area.name)}</h1><p class="meta">统计期间 ${esc(r.period.from)} 至 ${esc(r.period.to)}（用浏览器“打印”可另存为 PDF）</p>
${tables}
</body></html>`;
}
