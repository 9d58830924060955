-- orders.listOrders.after-total: next page of orders by total descending, after a page key.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "12345678901234.5678", @3 = "12345678901234.5678", @4 = "42"
select top(26) "erp_orders"."id" as "id",
  "erp_orders"."customer_id" as "customer_id",
  "erp_orders"."order_number" as "order_number",
  "erp_orders"."customer_po" as "customer_po",
  CONVERT(CHAR(10), "erp_orders"."order_date", 23) as "order_date",
  "erp_orders"."status" as "status",
  "erp_orders"."currency_code" as "currency_code",
  CAST(CAST("erp_orders"."total_amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "total_amount"
from "erp_orders"
where "erp_orders"."customer_id" = @1
  and ("erp_orders"."total_amount" < CAST(@2 AS DECIMAL(19,4)) OR ("erp_orders"."total_amount" = CAST(@3 AS DECIMAL(19,4)) AND "erp_orders"."id" < @4))
order by "erp_orders"."total_amount" desc,
  "erp_orders"."id" desc;
