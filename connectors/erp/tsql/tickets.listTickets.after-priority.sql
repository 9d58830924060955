-- tickets.listTickets.after-priority: next page of tickets by priority, after a page key.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "42"
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
where "erp_service_cases"."customer_id" = @1
  and (CASE "erp_service_cases"."priority" WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 END < 2 OR (CASE "erp_service_cases"."priority" WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 END = 2 AND "erp_service_cases"."id" < @2))
order by CASE "erp_service_cases"."priority" WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 END desc,
  "erp_service_cases"."id" desc;
