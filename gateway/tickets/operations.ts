/**
 * Operator views of the ticket source: readiness details for /readyz and
 * metrics in the Prometheus text format for /metrics. Both contain counters,
 * states and the org's API usage, never a customer, ticket or comment.
 */
import type { HealthCheck } from '../../connectors/sources';
import type { TicketBackend } from './backend';

/** Checks for /readyz that report the source without making the gateway unready. */
export function optionalHealthChecks(backend: TicketBackend): HealthCheck[] {
  // While Salesforce is down, invoices and orders still work, so taking the
  // instance out of a load balancer would only make things worse.
  return backend.kind === 'salesforce' ? [backend.source.health] : [];
}

/** Extra fields of the /readyz body. The ERP source adds none, because the ERP check covers it. */
export function readinessDetails(backend: TicketBackend): Record<string, unknown> {
  if (backend.kind === 'erp') {
    return {};
  }

  const stats = backend.source.stats();
  return {
    ticketSource: 'salesforce',
    salesforce: {
      // Null until the first call returns a Sforce-Limit-Info header.
      apiUsage: backend.source.limits(),
      breaker: stats.breaker,
    },
  };
}

interface Sample {
  labels?: Record<string, string>;
  value: number;
}

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Sample[];
}

const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;

/** Renders the metrics of the ticket source in the Prometheus text exposition format, version 0.0.4. */
export function metricsText(backend: TicketBackend): string {
  return renderMetrics(collectMetrics(backend));
}

function collectMetrics(backend: TicketBackend): Metric[] {
  const metrics: Metric[] = [
    {
      name: 'rover_tickets_source_info',
      help: 'Ticket source the gateway serves, set by TICKETS_SOURCE.',
      type: 'gauge',
      samples: [{ labels: { source: backend.kind }, value: 1 }],
    },
  ];
  if (backend.kind === 'erp') {
    return metrics;
  }

  const stats = backend.source.stats();
  const usage = backend.source.limits();
  metrics.push(
    {
      name: 'rover_salesforce_api_requests_total',
      help: 'HTTP requests this process sent to the Salesforce REST API, including retries, resends after a session renewal and query pages.',
      type: 'counter',
      samples: [{ value: stats.apiCalls }],
    },
    {
      name: 'rover_salesforce_auth_requests_total',
      help: 'Requests this process sent to the Salesforce OAuth token endpoint (sign-ins and session renewals).',
      type: 'counter',
      samples: [{ value: stats.authCalls }],
    },
  );

  // The org-wide usage is absent until the first response carries Sforce-Limit-Info.
  if (usage !== null) {
    metrics.push(
      {
        name: 'rover_salesforce_org_api_requests_used',
        help: "API requests the Salesforce org has used in the rolling 24-hour window, by every client, from the latest Sforce-Limit-Info header.",
        type: 'gauge',
        samples: [{ value: usage.used }],
      },
      {
        name: 'rover_salesforce_org_api_requests_limit',
        help: "The Salesforce org's API request allowance per 24 hours, from the latest Sforce-Limit-Info header.",
        type: 'gauge',
        samples: [{ value: usage.max }],
      },
    );
  }

  metrics.push({
    name: 'rover_salesforce_circuit_breaker_state',
    help: 'State of the circuit breaker in front of Salesforce: 1 for the current state, 0 for the others.',
    type: 'gauge',
    samples: BREAKER_STATES.map((state) => ({ labels: { state }, value: state === stats.breaker ? 1 : 0 })),
  });

  metrics.push({
    name: 'rover_salesforce_unknown_values_total',
    help: 'Case values read that SALESFORCE_STATUS_MAP or SALESFORCE_PRIORITY_MAP does not list, by field and value.',
    type: 'counter',
    samples: stats.unknownValues.map((entry) => ({ labels: { field: entry.field, value: entry.value }, value: entry.count })),
  });

  if (stats.cache !== null) {
    metrics.push(
      { name: 'rover_salesforce_cache_hits_total', help: 'Salesforce reads served from the read cache.', type: 'counter', samples: [{ value: stats.cache.hits }] },
      { name: 'rover_salesforce_cache_misses_total', help: 'Salesforce reads the read cache did not have.', type: 'counter', samples: [{ value: stats.cache.misses }] },
      { name: 'rover_salesforce_cache_errors_total', help: 'Read cache store errors. Each one skips the cache for that read.', type: 'counter', samples: [{ value: stats.cache.errors }] },
    );
  }
  return metrics;
}

function renderMetrics(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const sample of metric.samples) {
      lines.push(`${metric.name}${renderLabels(sample.labels)} ${sample.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderLabels(labels: Record<string, string> | undefined): string {
  if (labels === undefined) {
    return '';
  }
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return `{${pairs.join(',')}}`;
}

/** Escapes backslash and line feed, as the text format requires in HELP text. Label values also escape the double quote. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return escapeHelp(text).replace(/"/g, '\\"');
}
