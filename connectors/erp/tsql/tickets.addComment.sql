-- tickets.addComment: new public comment: find the customer's case, insert, touch the case, read back, in one transaction.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- begin transaction

-- parameters: @1 = "1", @2 = "CS-100001"
select "erp_service_cases"."id"
from "erp_service_cases"
where "erp_service_cases"."customer_id" = @1
  and "erp_service_cases"."case_number" = @2;

-- parameters: @1 = "1", @2 = "Alice Admin", @3 = false, @4 = true, @5 = "The replacement arrived, thank you.", @6 = "2026-11-30T09:15:00.123"
insert into "erp_case_comments" ("case_id", "author_name", "from_support", "is_public", "body", "created_at")
output "inserted"."id"
values (@1, @2, @3, @4, @5, @6);

-- parameters: @1 = "2026-11-30T09:15:00.123", @2 = "1"
update "erp_service_cases"
set "updated_at" = @1
where "erp_service_cases"."id" = @2;

-- parameters: @1 = "1"
select "erp_case_comments"."id" as "id",
  "erp_case_comments"."case_id" as "case_id",
  "erp_case_comments"."author_name" as "author_name",
  "erp_case_comments"."from_support" as "from_support",
  "erp_case_comments"."body" as "body",
  CONVERT(VARCHAR(33), "erp_case_comments"."created_at", 126) as "created_at"
from "erp_case_comments"
where "erp_case_comments"."id" = @1;

-- rollback transaction
