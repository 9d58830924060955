/**
 * Security headers (@fastify/helmet). The web client is built by Vite into
 * static files with no inline script, so its policy allows scripts from the
 * portal's own origin only. Apollo's IDE page on GET /graphql loads its code
 * from Apollo's CDN and gets a wider policy on that route alone.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

type Directives = Record<string, string[]>;

export function helmetOptions(https: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: appContentSecurityPolicy(https) },
    // HSTS over plain http would be ignored by browsers and is misleading.
    hsts: https ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  };
}

export function appContentSecurityPolicy(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // React sets style attributes, and chart libraries add style elements.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

const APOLLO_CDN = [
  'https://apollo-server-landing-page.cdn.apollographql.com',
  'https://embeddable-sandbox.cdn.apollographql.com',
  'https://embeddable-explorer.cdn.apollographql.com',
];

/**
 * Policy for Apollo Server 5's landing page. The page sets its own stricter
 * policy in a meta tag with a per-page nonce. Browsers enforce both, so the
 * 'unsafe-inline' here only lets that nonce-checked policy decide.
 */
export function landingPageContentSecurityPolicy(): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...APOLLO_CDN],
    'style-src': ["'self'", "'unsafe-inline'", ...APOLLO_CDN, 'https://fonts.googleapis.com'],
    'font-src': ["'self'", 'https://fonts.gstatic.com'],
    'img-src': ["'self'", 'data:', ...APOLLO_CDN],
    'manifest-src': ["'self'", ...APOLLO_CDN],
    'frame-src': ['https://sandbox.embed.apollographql.com', 'https://explorer.embed.apollographql.com'],
    'connect-src': ["'self'", 'https://*.apollographql.com'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}
