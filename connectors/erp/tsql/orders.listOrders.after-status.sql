-- orders.listOrders.after-status: next page of orders by status, after a page key, with every filter set.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "OPEN", @3 = "PARTIALLY_SHIPPED", @4 = "2026-01-01", @5 = "2026-11-30", @6 = "%PO-7%", @7 = "%PO-7%", @8 = "42"
select top(26) "erp_orders"."id" as "id",
  "erp_orders"."customer_id" as "customer_id",
  "erp_orders"."order_number" as "order_number",
  "erp_orders"."customer_po" as "customer_po",
  CONVERT(CHAR(10), "erp_orders"."order_date", 23) as "order_date",
  "erp_orders"."status" as "status",
  "erp_orders"."currency_code" as "currency_code",
  CAST(CAST("erp_orders"."total_amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "total_amount"
from "erp_orders"
where ("erp_orders"."customer_id" = @1 and "erp_orders"."status" in (@2, @3) and "erp_orders"."order_date" >= @4 and "erp_orders"."order_date" <= @5 and (LOWER("erp_orders"."order_number") LIKE LOWER(@6) ESCAPE '!' or LOWER("erp_orders"."customer_po") LIKE LOWER(@7) ESCAPE '!'))
  and (CASE "erp_orders"."status" WHEN 'OPEN' THEN 0 WHEN 'PARTIALLY_SHIPPED' THEN 1 WHEN 'SHIPPED' THEN 2 WHEN 'CLOSED' THEN 3 WHEN 'CANCELLED' THEN 4 END > 0 OR (CASE "erp_orders"."status" WHEN 'OPEN' THEN 0 WHEN 'PARTIALLY_SHIPPED' THEN 1 WHEN 'SHIPPED' THEN 2 WHEN 'CLOSED' THEN 3 WHEN 'CANCELLED' THEN 4 END = 0 AND "erp_orders"."id" > @8))
order by CASE "erp_orders"."status" WHEN 'OPEN' THEN 0 WHEN 'PARTIALLY_SHIPPED' THEN 1 WHEN 'SHIPPED' THEN 2 WHEN 'CLOSED' THEN 3 WHEN 'CANCELLED' THEN 4 END asc,
  "erp_orders"."id" asc;
