/**
 * A tiny registry: routes declare their zod schemas once; the OpenAPI 3.1 document is generated
 * from the same schemas (zod 4's JSON Schema output).
 */
import { z } from 'zod';
import { scopeOf, type Action } from '../auth/permissions.ts';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** The permissions-table action the route authorises (`x-action` in the document). */
  action: Action;
  query?: z.ZodObject<any>;
  params?: z.ZodObject<any>;
  body?: z.ZodType;
  response?: string;
}

const routes: RouteDoc[] = [];

export function documentRoute(doc: RouteDoc): void {
  if (!routes.some((r) => r.method === doc.method && r.path === doc.path)) routes.push(doc);
}

function parameters(obj: z.ZodObject<any> | undefined, where: 'query' | 'path') {
  if (!obj) return [];
  const schema = z.toJSONSchema(obj, { io: 'input', unrepresentable: 'any' }) as any;
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, any> = {};
  for (const r of routes) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-action': r.action,
      ...(scopeOf('public', r.action) ? {} : { security: [{ session: [] }] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        '200': { description: r.response ?? 'OK' },
        '401': { description: 'Not logged in (action not open to the public)' },
        '403': { description: 'Roles or jurisdiction do not allow the action' },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '幸福家园 grid system API', version: '0.1.0' },
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid', description: 'POST /api/auth/login sets it' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
  };
}
