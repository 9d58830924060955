/**
 * Checks of the arguments every query takes, before they are bound in SQL.
 */
import type { IsoDate } from '../domain';
import type { CustomerScope } from '../sources';
import { isIdString, isIsoDate, type EngineAdapter } from '../sql';
import { InvalidFilterError } from './errors';

/**
 * Returns the bound customer id. The gateway takes it from the signed-in
 * contact, so an invalid one is a programming error, not bad user input.
 */
export function customerIdParameter(adapter: EngineAdapter, customerId: string): unknown {
  if (!isIdString(customerId)) {
    throw new Error(`Invalid customer id "${customerId}": ERP ids are non-negative integers. Pass Contact.customerId.`);
  }
  return adapter.idParameter(customerId);
}

/** Validates a "YYYY-MM-DD" filter value and returns it. */
export function requireDate(name: string, value: IsoDate): IsoDate {
  if (!isIsoDate(value)) {
    throw new InvalidFilterError(`Invalid ${name} "${value}": expected a calendar date as YYYY-MM-DD.`);
  }
  return value;
}

/** Validates the scope's business date, which comes from DirectorySource.businessDate(). */
export function requireScope(scope: CustomerScope): CustomerScope {
  if (!isIsoDate(scope.asOf)) {
    throw new Error(`Invalid business date "${scope.asOf}" in CustomerScope.asOf: expected YYYY-MM-DD from DirectorySource.businessDate().`);
  }
  return scope;
}
