-- tickets.ticketCounts: dashboard counts: open, closed and recent tickets.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "2026-11-01T00:00:00.000", @2 = "2026-12-01T00:00:00.000", @3 = "1"
select COALESCE(SUM(CASE WHEN "erp_service_cases"."status" <> 'CLOSED' THEN 1 ELSE 0 END), 0) as "open",
  COALESCE(SUM(CASE WHEN "erp_service_cases"."status" = 'CLOSED' THEN 1 ELSE 0 END), 0) as "closed",
  COALESCE(SUM(CASE WHEN "erp_service_cases"."created_at" >= @1 AND "erp_service_cases"."created_at" < @2 THEN 1 ELSE 0 END), 0) as "recent"
from "erp_service_cases"
where "erp_service_cases"."customer_id" = @3;
