/**
 * The built React client: static files from WEB_DIST_DIR, and index.html for
 * any other GET path, so that client-side routes such as /invoices/INV-100001
 * survive a reload. API paths never fall back to the client.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { ErrorCode } from '../errors';

/** Paths that belong to the server; an unknown path below them is a 404, not the client. */
const SERVER_PATHS = ['/graphql', '/documents', '/livez', '/readyz'];

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Portal client not built</title></head>
<body>
<h1>The portal's web client is not built</h1>
<p>The server is running, but it found no index.html in the web client directory.
Run <code>npm run build:web</code> (or set WEB_DIST_DIR to the directory that holds the built client),
then reload this page. The GraphQL API at <a href="/graphql">/graphql</a> works without it.</p>
</body>
</html>
`;

export async function registerWebClient(app: FastifyInstance, webDistDir: string): Promise<void> {
  const indexFile = path.join(webDistDir, 'index.html');

  if (!existsSync(indexFile)) {
    app.log.warn({ webDistDir }, 'Web client not built: client pages respond with 503 until `npm run build:web` writes index.html to webDistDir');
  }

  // Registered even when the directory is missing, so that a client built
  // while the server runs is served without a restart.
  await app.register(fastifyStatic, {
    root: webDistDir,
    prefix: '/',
    // index.html goes through serveIndex below, which sets no-cache.
    index: false,
    // Cache headers come from setHeaders; the plugin's own would overwrite them.
    cacheControl: false,
    setHeaders(response, filePath) {
      // Vite puts content-hashed files in assets/, so they never change.
      const hashed = filePath.startsWith(path.join(webDistDir, 'assets') + path.sep);
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  // The static plugin responds to a directory such as / with 403, so / gets
  // index.html from a route of its own.
  app.get('/', async (_request, reply) => serveIndex(reply, webDistDir));

  app.setNotFoundHandler(async (request, reply) => {
    if (!isClientRoute(request)) {
      const pathname = request.url.split('?')[0] ?? request.url;
      return reply.code(404).send({ code: ErrorCode.NOT_FOUND, message: `No route for ${request.method} ${pathname}.` });
    }
    return serveIndex(reply, webDistDir);
  });
}

function serveIndex(reply: FastifyReply, webDistDir: string): FastifyReply {
  // Checked per request, so a client built after start-up is served at once.
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  }
  return reply.header('cache-control', 'no-cache').sendFile('index.html', webDistDir);
}

function isClientRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return false;
  }

  const pathname = request.url.split('?')[0] ?? '/';
  if (SERVER_PATHS.some((serverPath) => pathname === serverPath || pathname.startsWith(`${serverPath}/`))) {
    return false;
  }

  // A missing asset (a path whose last segment has a file extension) gets a
  // 404, because responding with HTML would only cause a confusing MIME error.
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !/\.[A-Za-z0-9]+$/.test(lastSegment);
}
