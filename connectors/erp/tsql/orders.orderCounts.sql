-- orders.orderCounts: dashboard counts: open, closed and recent orders.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "2026-11-01", @2 = "2026-11-30", @3 = "1"
select COALESCE(SUM(CASE WHEN "erp_orders"."status" IN ('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED') THEN 1 ELSE 0 END), 0) as "open",
  COALESCE(SUM(CASE WHEN "erp_orders"."status" IN ('CLOSED', 'CANCELLED') THEN 1 ELSE 0 END), 0) as "closed",
  COALESCE(SUM(CASE WHEN "erp_orders"."order_date" >= @1 AND "erp_orders"."order_date" <= @2 THEN 1 ELSE 0 END), 0) as "recent"
from "erp_orders"
where "erp_orders"."customer_id" = @3;
