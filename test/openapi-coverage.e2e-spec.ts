import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { TestApp } from './support/test-app';

/** Where @ApiExcludeController() records itself; @nestjs/swagger does not export its constants. */
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

/** Every route a controller declares, as "METHOD /path/{param}", but for pages kept out of the API (@ApiExcludeController). */
function declaredRoutes(app: TestApp): string[] {
  const routes: string[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller || Reflect.getMetadata(API_EXCLUDE_CONTROLLER, controller)?.[0]) {
        continue;
      }
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
        routes.push(`${RequestMethod[method]} ${full.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return routes.sort();
}

describe('OpenAPI document', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await TestApp.start();
    document = (await app.get('/docs-json', { token: null })).body;
  });

  afterAll(async () => {
    await app.close();
  });

  it('covers every route the application serves', () => {
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    const routes = declaredRoutes(app);
    expect(routes.length).toBeGreaterThan(10);
    expect(documented).toEqual(routes);
  });

  it('documents a success shape and the error responses of every operation', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, any>)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const statuses = Object.keys(operation.responses ?? {});
        const success = statuses.filter((s) => s.startsWith('2'));
        const errors = statuses.filter((s) => s.startsWith('4'));
        const isPublic = !operation.security;
        if (success.length === 0) missing.push(`${method} ${path}: no success response`);
        if (
          path.startsWith('/api/') &&
          !(isPublic && path === '/api/auth/login') &&
          !errors.includes('401')
        ) {
          missing.push(`${method} ${path}: 401 not documented`);
        }
        if (
          ['post', 'patch', 'put'].includes(method) &&
          operation.requestBody === undefined &&
          !/archive|restore|schedule|cancel|complete|members\/\{membershipId\}/.test(path)
        ) {
          missing.push(`${method} ${path}: no request body`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes the error body shape', () => {
    expect(document.components.schemas.ErrorBody.properties).toHaveProperty('errors');
  });
});
