/**
 * Kysely dialect for SQL Server through tedious, pooled by tarn.
 *
 * NOTE: compiled only. No SQL Server was available, so it never connected.
 */
import { MssqlDialect, type Dialect } from 'kysely';

import type { MssqlUrl } from './url';

export interface MssqlPoolOptions {
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

export function createMssqlDialect(url: MssqlUrl, options: MssqlPoolOptions): Dialect {
  // Loaded here so deployments on another engine never load the drivers.
  const tedious = require('tedious') as typeof import('tedious');
  const tarn = require('tarn') as typeof import('tarn');

  return new MssqlDialect({
    // acquireTimeoutMillis bounds both opening a connection and waiting for a free one.
    tarn: { ...tarn, options: { min: 0, max: options.poolMax, acquireTimeoutMillis: options.connectTimeoutMs } },
    tedious: {
      ...tedious,
      connectionFactory: () =>
        new tedious.Connection({
          server: url.server,
          authentication: { type: 'default', options: { userName: url.user, password: url.password } },
          options: {
            port: url.port,
            database: url.database,
            encrypt: url.encrypt,
            trustServerCertificate: url.trustServerCertificate,
            connectTimeout: options.connectTimeoutMs,
            // tedious cancels a request that runs longer, on the client side.
            requestTimeout: options.statementTimeoutMs,
            // Date values are read and written in UTC, as the ERP contract stores them.
            useUTC: true,
            appName: 'rover-portal',
          },
        }),
    },
  });
}
