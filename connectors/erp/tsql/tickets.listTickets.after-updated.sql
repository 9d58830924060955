-- tickets.listTickets.after-updated: next page of tickets by last update, after a page key, with every filter set.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "NEW", @3 = "IN_PROGRESS", @4 = "HIGH", @5 = "%50!%%", @6 = "%50!%%", @7 = "2026-11-20T10:00:00.123", @8 = "2026-11-20T10:00:00.123", @9 = "42"
select top(26) "erp_service_cases"."id" as "id",
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
where ("erp_service_cases"."customer_id" = @1 and "erp_service_cases"."status" in (@2, @3) and "erp_service_cases"."priority" = @4 and (LOWER("erp_service_cases"."case_number") LIKE LOWER(@5) ESCAPE '!' or LOWER("erp_service_cases"."subject") LIKE LOWER(@6) ESCAPE '!'))
  and ("erp_service_cases"."updated_at" < @7 OR ("erp_service_cases"."updated_at" = @8 AND "erp_service_cases"."id" < @9))
order by "erp_service_cases"."updated_at" desc,
  "erp_service_cases"."id" desc;
