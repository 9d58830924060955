/**
 * GET /metrics for a Prometheus scraper: counters and states of the ticket
 * source, without customer data. Like /readyz it needs no session, so expose
 * it only on a network that operators control.
 */
import type { FastifyInstance } from 'fastify';

import type { TicketBackend } from '../tickets/backend';
import { metricsText } from '../tickets/operations';

export function registerMetricsRoute(app: FastifyInstance, tickets: TicketBackend): void {
  app.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store');
    return metricsText(tickets);
  });
}
