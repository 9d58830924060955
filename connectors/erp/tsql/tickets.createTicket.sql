-- tickets.createTicket: new ticket: insert, renumber from the generated id, read back, in one transaction.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- begin transaction

-- parameters: @1 = "1", @2 = "PENDING-<24 random hex digits>", @3 = "Damaged pallet", @4 = "Two boxes were crushed.", @5 = "NEW", @6 = "HIGH", @7 = "11", @8 = "2026-11-30T09:15:00.123", @9 = "2026-11-30T09:15:00.123", @10 = null
insert into "erp_service_cases" ("customer_id", "case_number", "subject", "description", "status", "priority", "contact_id", "created_at", "updated_at", "closed_at")
output "inserted"."id"
values (@1, @2, @3, @4, @5, @6, @7, @8, @9, @10);

-- parameters: @1 = "CS-100001", @2 = "1"
update "erp_service_cases"
set "case_number" = @1
where "erp_service_cases"."id" = @2;

-- parameters: @1 = "1"
select "erp_service_cases"."id" as "id",
  "erp_service_cases"."customer_id" as "customer_id",
  "erp_service_cases"."case_number" as "case_number",
  "erp_service_cases"."subject" as "subject",
  "erp_service_cases"."description" as "description",
  "erp_service_cases"."status" as "status",
  "erp_service_cases"."priority" as "priority",
  CONVERT(VARCHAR(33), "erp_service_cases"."created_at", 126) as "created_at",
  CONVERT(VARCHAR(33), "erp_service_cases"."updated_at", 126) as "updated_at",
  CONVERT(VARCHAR(33), "erp_service_cases"."closed_at", 126) as "closed_at"
from "erp_service_cases"
where "erp_service_cases"."id" = @1;

-- rollback transaction
