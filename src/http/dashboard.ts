/**
 * Serves the dashboard's production build (dashboard/dist, made by `npm run build`) at `/app`.
 * Public routes: the page holds no data; the person signs in with an API key in the UI and every
 * API call carries it. `/app/<anything without a file>` answers index.html, so deep links such as
 * /app/consignments/EC-… load the app, which routes in the browser.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyContextConfig, FastifyInstance, FastifyReply } from 'fastify';

/** dist/http/dashboard.js → <repo>/dashboard/dist (and the same from src/ under tsx). */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

const PUBLIC = { public: true } as FastifyContextConfig;

export async function registerDashboard(app: FastifyInstance, root = DASHBOARD_DIR): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false });
    const send = (reply: FastifyReply, file: string) => {
      if (!existsSync(join(root, 'index.html'))) {
        return reply.code(404).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build`.');
      }
      // Hashed assets never change; index.html must be fetched again to find new ones.
      const cache = file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return reply.header('cache-control', cache).sendFile(file);
    };
    // Trailing slashes are ignored server-wide, so /app and /app/ are one route: no redirect (it would loop).
    scope.get('/app', { config: PUBLIC, schema: { hide: true } }, async (_req, reply) => send(reply, 'index.html'));
    scope.get('/app/*', { config: PUBLIC, schema: { hide: true } }, async (req, reply) => {
      const wanted = normalize((req.params as { '*': string })['*'] || 'index.html');
      const inside = !wanted.startsWith('..') && !wanted.includes(`${sep}..`);
      const isFile = inside && existsSync(join(root, wanted)) && statSync(join(root, wanted)).isFile();
      return send(reply, isFile ? wanted : 'index.html');
    });
  });
}
