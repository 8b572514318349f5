import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/app.ts';

const t = setupTestApp();

interface Operation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: unknown;
}

describe('OpenAPI document', () => {
  it('is served publicly and documents every API route with a summary and a response schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    for (const route of [
      'GET /api/health',
      'POST /api/auth/login',
      'GET /api/me',
      'GET /api/units',
      'POST /api/units',
      'PATCH /api/units/{id}',
      'GET /api/users',
      'GET /api/audit',
    ]) {
      expect(documented.map((d) => d.route)).toContain(route);
    }
    for (const { route, op } of documented) {
      expect(op.summary, `${route} has a summary`).toBeTruthy();
      const ok = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
      expect(
        ok?.[1].content?.['application/json']?.schema,
        `${route} declares a response schema`,
      ).toBeTruthy();
    }
  });

  it('documents request bodies of writes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/units'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });
});
