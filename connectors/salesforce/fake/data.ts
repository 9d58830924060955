/**
 * The data API of the fake for tests and demo seeding: adds records in bulk
 * with system fields (ids, case numbers, dates, IsClosed) filled in, without
 * the checks of the REST create endpoint.
 */
import type { FakeOrg, StoredRecord } from './org';

export type Inserted = StoredRecord & { Id: string };
export type InsertedCase = Inserted & { CaseNumber: string };

export interface AccountSpec {
  name: string;
  /** Value of Rover_Customer_Number__c, the ERP customer number. */
  customerNumber?: string | null;
}

export interface ContactSpec {
  accountId: string;
  firstName?: string;
  lastName: string;
  email?: string | null;
  /** "YYYY-MM-DD". */
  birthdate?: string | null;
}

export interface CaseSpec {
  accountId: string | null;
  subject?: string | null;
  description?: string | null;
  /** Any text, including values missing from the Status picklist. */
  status?: string;
  priority?: string | null;
  origin?: string | null;
  /** Defaults to whether the status is one of the org's closed statuses. */
  isClosed?: boolean;
  contactId?: string | null;
  suppliedEmail?: string | null;
  suppliedName?: string | null;
  createdDate?: Date | string;
  lastModifiedDate?: Date | string;
  closedDate?: Date | string | null;
  /** Defaults to the support agent user. */
  createdById?: string;
}

export interface CommentSpec {
  caseId: string;
  body: string;
  /** Defaults to true; false is an internal note. */
  published?: boolean;
  /** Defaults to the support agent user. */
  createdById?: string;
  createdDate?: Date | string;
}

export interface UserSpec {
  name: string;
  username: string;
  email?: string | null;
}

export class FakeData {
  constructor(
    private readonly org: FakeOrg,
    /** User that records are created by unless a spec names another. */
    private readonly defaultUserId: () => string,
  ) {}

  addUsers(specs: readonly UserSpec[]): Inserted[] {
    return specs.map((spec) =>
      this.insert('User', { Name: spec.name, Username: spec.username, Email: spec.email ?? null, IsActive: true }, undefined, undefined),
    );
  }

  addAccounts(specs: readonly AccountSpec[]): Inserted[] {
    return specs.map((spec) => this.insert('Account', { Name: spec.name, Rover_Customer_Number__c: spec.customerNumber ?? null }, undefined, undefined));
  }

  addContacts(specs: readonly ContactSpec[]): Inserted[] {
    return specs.map((spec) =>
      this.insert('Contact', {
          AccountId: spec.accountId,
          FirstName: spec.firstName ?? null,
          LastName: spec.lastName,
          Email: spec.email ?? null,
          Birthdate: spec.birthdate ?? null,
        }, undefined, undefined),
    );
  }

  addCases(specs: readonly CaseSpec[]): InsertedCase[] {
    return specs.map((spec) => {
      const fields: StoredRecord = {
        AccountId: spec.accountId,
        Subject: spec.subject ?? null,
        Description: spec.description ?? null,
        Priority: spec.priority === undefined ? 'Medium' : spec.priority,
        Origin: spec.origin ?? null,
        ContactId: spec.contactId ?? null,
        SuppliedEmail: spec.suppliedEmail ?? null,
        SuppliedName: spec.suppliedName ?? null,
      };
      if (spec.status !== undefined) {
        fields.Status = spec.status;
      }
      if (spec.isClosed !== undefined) {
        fields.IsClosed = spec.isClosed;
      }
      if (spec.lastModifiedDate !== undefined) {
        fields.LastModifiedDate = toEpoch(spec.lastModifiedDate);
      }
      if (spec.closedDate !== undefined) {
        fields.ClosedDate = spec.closedDate === null ? null : toEpoch(spec.closedDate);
      }
      return this.insert('Case', fields, spec.createdById, spec.createdDate) as InsertedCase;
    });
  }

  addComments(specs: readonly CommentSpec[]): Inserted[] {
    return specs.map((spec) =>
      this.insert('CaseComment', { ParentId: spec.caseId, CommentBody: spec.body, IsPublished: spec.published ?? true }, spec.createdById, spec.createdDate),
    );
  }

  /** Returns every record of one sObject as stored, with datetimes in epoch milliseconds. */
  records(objectName: string): readonly StoredRecord[] {
    return this.org.records(objectName);
  }

  private insert(objectName: string, fields: StoredRecord, userId: string | undefined, createdDate: Date | string | undefined): Inserted {
    const now = createdDate === undefined ? undefined : toEpoch(createdDate);
    if (now !== undefined && !('LastModifiedDate' in fields)) {
      fields.LastModifiedDate = now;
    }
    return this.org.insert(objectName, fields, { userId: userId ?? this.defaultUserId(), now }) as Inserted;
  }
}

function toEpoch(value: Date | string): number {
  const epochMs = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(epochMs)) {
    throw new Error(`Invalid date ${String(value)}; pass a Date or an ISO 8601 string such as "2026-03-01T09:30:00Z".`);
  }
  return epochMs;
}
