/**
 * Open311 GeoReport v2 under /open311/v2 (JSON only). Outside /api: no session and no CSRF check,
 * so every request is anonymous (rate limits apply to POST). Errors use the GeoReport form
 * `[{ "code": 404, "description": "…" }]`.
 */
import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { isAppError, notFound } from '../errors.ts';
import { deviceOf } from '../hazards/hazard-limits.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import * as service from './open311.service.ts';
import { attributesOf, jurisdictionQuery, listRequestsQuery, postRequestBody, requestParams, serviceParams } from './open311.schema.ts';

const TAG = 'open311';
const BODY_LIMIT = 64 * 1024;
const base = (req: Request) => `${req.protocol}://${req.get('host')}`;

const open311Errors: ErrorRequestHandler = (err, _req, res, _next) => {
  if (isAppError(err)) {
    if (err.headers) res.set(err.headers);
    res.status(err.status).json([{ code: err.status, description: err.message }]);
  } else if (typeof err?.type === 'string' && err.type.startsWith('entity.')) {
    const status = err.type === 'entity.too.large' ? 413 : 400;
    res.status(status).json([{ code: status, description: status === 413 ? `request body is larger than ${err.limit} bytes` : `request body could not be read: ${err.message}` }]);
  } else {
    console.error(err);
    res.status(500).json([{ code: 500, description: 'internal error' }]);
  }
};

export function open311Routes(ctx: AppContext): Router {
  const r = Router();
  const v2 = '/open311/v2';

  documentRoute({ method: 'get', path: `${v2}/services.json`, tag: TAG, action: 'hazards.read', summary: 'GeoReport v2: services (our hazard categories)', query: jurisdictionQuery });
  r.get('/services.json', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    await service.checkJurisdiction(ctx.db, parse(jurisdictionQuery, req.query).jurisdiction_id);
    res.json(await service.services(ctx.db));
  });

  documentRoute({ method: 'get', path: `${v2}/services/:code.json`, tag: TAG, action: 'hazards.read', summary: 'GeoReport v2: service definition (attributes from the category fields)', params: serviceParams, query: jurisdictionQuery });
  r.get('/services/:code.json', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    const { code } = parse(serviceParams, req.params, 'path');
    await service.checkJurisdiction(ctx.db, parse(jurisdictionQuery, req.query).jurisdiction_id);
    res.json(await service.serviceDefinition(ctx.db, code));
  });

  documentRoute({ method: 'get', path: `${v2}/requests.json`, tag: TAG, action: 'hazards.read', summary: 'GeoReport v2: service requests (visible cases; default the last 90 days, at most 1000)', query: listRequestsQuery });
  r.get('/requests.json', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    const q = parse(listRequestsQuery, req.query);
    const street = await service.checkJurisdiction(ctx.db, q.jurisdiction_id);
    res.json(await service.listRequests(ctx.db, { streetId: street?.id, ids: q.service_request_id, codes: q.service_code, statuses: q.status, from: q.start_date, to: q.end_date }, ctx.now(), base(req)));
  });

  documentRoute({ method: 'get', path: `${v2}/requests/:id.json`, tag: TAG, action: 'hazards.read', summary: 'GeoReport v2: one service request', params: requestParams, query: jurisdictionQuery });
  r.get('/requests/:id.json', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    const { id } = parse(requestParams, req.params, 'path');
    const street = await service.checkJurisdiction(ctx.db, parse(jurisdictionQuery, req.query).jurisdiction_id);
    res.json(await service.getRequest(ctx.db, id, street?.id, base(req)));
  });

  documentRoute({ method: 'post', path: `${v2}/requests.json`, tag: TAG, action: 'hazards.report', summary: 'GeoReport v2: file a service request (form-encoded or JSON; anonymous, rate-limited)', body: postRequestBody });
  r.post('/requests.json', express.urlencoded({ extended: false, limit: BODY_LIMIT }), express.json({ limit: BODY_LIMIT }), async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.report');
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const b = parse(postRequestBody, raw, 'body');
    const street = await service.checkJurisdiction(ctx.db, b.jurisdiction_id);
    const who = { actor: actorOf(req, ctx.now), device: deviceOf(req, res, b.device_id && /^[A-Za-z0-9_-]{8,64}$/.test(b.device_id) ? b.device_id : undefined) };
    res.status(201).json(await service.postRequest(ctx.db, who, b, attributesOf(raw), street?.id));
  });

  r.use((req) => {
    throw notFound(`no Open311 route ${req.method} ${req.originalUrl} (GeoReport v2, JSON only)`);
  });
  r.use(open311Errors);
  const outer = Router();
  outer.use(v2, r);
  return outer;
}
