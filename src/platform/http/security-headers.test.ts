import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerSecurityHeaders } from './security-headers.js';

/** The headers built once must be helmet's, on every answer (404 too), and a route may still replace one. */
describe('security headers', () => {
  it('sends the configured CSP and helmet defaults on every answer, and lets a route replace a header', async () => {
    const app = Fastify({ logger: false });
    registerSecurityHeaders(app, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } }, crossOriginEmbedderPolicy: false });
    app.get('/page', async () => 'page');
    app.get('/framed', async (_req, reply) => reply.header('content-security-policy', "frame-ancestors 'self'").header('x-frame-options', 'SAMEORIGIN').send('framed'));
    try {
      for (let i = 0; i < 2; i++) {
        const res = await app.inject({ method: 'GET', url: '/page' });
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
      }
      expect((await app.inject({ method: 'GET', url: '/missing' })).headers['x-content-type-options']).toBe('nosniff');
      const framed = await app.inject({ method: 'GET', url: '/framed' });
      expect(framed.headers['content-security-policy']).toBe("frame-ancestors 'self'");
      expect(framed.headers['x-frame-options']).toBe('SAMEORIGIN');
    } finally {
      await app.close();
    }
  });
});
