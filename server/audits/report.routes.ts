/** Standards table and the report (JSON, XLSX, printable HTML) of an area over a period. */
import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { authorizeArea } from './audits.access.ts';
import { REPORT_CSP, reportHtml, reportPdf, reportXlsx } from './report-export.ts';
import { reportQuery, standardsQuery } from './report.schema.ts';
import { report } from './report.service.ts';
import { standardsTable } from './standards.service.ts';

const TAG = 'audits';

export function reportRoutes(ctx: AppContext): Router {
  const r = Router();
  const db = ctx.db;
  const reportOf = async (req: Parameters<Parameters<Router['get']>[1]>[0]) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(reportQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    return report(db, q);
  };

  documentRoute({ method: 'get', path: '/api/audits/standards', tag: TAG, action: 'audits.read', summary: 'Standards table: each compound and community green/red, shortfall m², the rooms that count', query: standardsQuery });
  r.get('/api/audits/standards', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(standardsQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await standardsTable(db, q.area, q));
  });

  documentRoute({ method: 'get', path: '/api/audits/report', tag: TAG, action: 'audits.read', summary: 'Report: spaces by kind and status, m² reclaimed, yuan recovered, stations created, shortfall', query: reportQuery });
  r.get('/api/audits/report', async (req, res) => {
    res.json(await reportOf(req));
  });

  documentRoute({ method: 'get', path: '/api/audits/report.xlsx', tag: TAG, action: 'audits.read', summary: 'The report as XLSX (one sheet per table, Chinese headers)', query: reportQuery, response: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  r.get('/api/audits/report.xlsx', async (req, res) => {
    const rep = await reportOf(req);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="audit-report-${rep.area.id}-${rep.period.from}-${rep.period.to}.xlsx"`,
      'Cache-Control': 'private, no-store',
    });
    res.send(await reportXlsx(rep));
  });

  documentRoute({ method: 'get', path: '/api/audits/report.pdf', tag: TAG, action: 'audits.read', summary: 'The report as a printable A4 PDF (the same tables as the XLSX, Chinese)', query: reportQuery, response: 'application/pdf' });
  r.get('/api/audits/report.pdf', async (req, res) => {
    const rep = await reportOf(req);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="audit-report-${rep.area.id}-${rep.period.from}-${rep.period.to}.pdf"`,
      'Cache-Control': 'private, no-store',
    });
    res.send(await reportPdf(rep, ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/audits/report.html', tag: TAG, action: 'audits.read', summary: 'The report as a printable page (Chinese, print CSS; print to PDF in the browser)', query: reportQuery, response: 'text/html' });
  r.get('/api/audits/report.html', async (req, res) => {
    const rep = await reportOf(req);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP, 'Cache-Control': 'private, no-store' });
    res.send(reportHtml(rep));
  });
  return r;
}
