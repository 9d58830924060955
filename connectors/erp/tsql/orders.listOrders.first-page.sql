-- orders.listOrders.first-page: first page of orders, newest first, without filters.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1"
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
order by "erp_orders"."order_date" desc,
  "erp_orders"."id" desc;
