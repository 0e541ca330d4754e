import { TestApp } from './support/test-app';

describe('foundation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports PostgreSQL and Redis as healthy without a token', async () => {
    const response = await app.get('/health', { token: null });
    expect(response.status).toBe(200);
    expect(response.body.info).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('tags every response with a request id, reusing a sensible one from the caller', async () => {
    const fresh = await app.get('/api/counties', { token: null });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.get('/health', {
      token: null,
      headers: { 'x-request-id': 'proxy-abc-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('proxy-abc-123');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const ui = await app.get('/docs', { token: null });
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger');
    const document = await app.get('/docs-json', { token: null });
    expect(document.status).toBe(200);
    expect(document.body.paths['/api/institutions']).toBeDefined();
  });

  it('seeds the 12 Albanian counties', async () => {
    const response = await app.get('/api/counties');
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(12);
    expect(response.body.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['Elbasan', 'Korçë', 'Kukës', 'Shkodër']),
    );
  });

  it('keeps the entities and the migrations in agreement', async () => {
    const drift = await app.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('sends security headers', async () => {
    const response = await app.get('/health', { token: null });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
