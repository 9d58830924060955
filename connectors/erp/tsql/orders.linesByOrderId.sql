-- orders.linesByOrderId: lines of several orders.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3"
select "erp_order_lines"."id" as "id",
  "erp_order_lines"."order_id" as "order_id",
  "erp_order_lines"."line_number" as "line_number",
  "erp_order_lines"."item_number" as "item_number",
  "erp_order_lines"."description" as "description",
  CAST(CAST("erp_order_lines"."quantity_ordered" AS DECIMAL(38,4)) AS VARCHAR(50)) as "quantity_ordered",
  CAST(CAST("erp_order_lines"."quantity_shipped" AS DECIMAL(38,4)) AS VARCHAR(50)) as "quantity_shipped",
  CAST(CAST("erp_order_lines"."unit_price" AS DECIMAL(38,4)) AS VARCHAR(50)) as "unit_price",
  CAST(CAST("erp_order_lines"."amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "amount"
from "erp_order_lines"
where "erp_order_lines"."order_id" in (select "erp_orders"."id" from "erp_orders" where "erp_orders"."customer_id" = @1 and "erp_orders"."id" in (@2, @3, @4))
order by "erp_order_lines"."order_id",
  "erp_order_lines"."line_number",
  "erp_order_lines"."id";
