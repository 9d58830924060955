export { likeContainsPattern, type EngineAdapter, type SqlOperand } from './adapter';
export { isUnavailableError, reportUnavailability } from './availability';
export { openDatabase } from './database';
export type { Database, Engine, OpenDatabaseOptions, QueryEvent } from './engine';
export { withExclusiveLock } from './lock';
export { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-dialect';
export { DATABASE_URL_EXAMPLES, DatabaseUrlError, parseDatabaseUrl, redactDatabaseUrl, type DatabaseUrl } from './url';
export { UnexpectedValueError, isIdString, isIsoDate, isIsoInstant } from './values';
