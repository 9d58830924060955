-- tickets.ticketsByNumber: tickets by number.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "CS-100001", @3 = "CS-100002"
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
where "erp_service_cases"."customer_id" = @1
  and "erp_service_cases"."case_number" in (@2, @3);
