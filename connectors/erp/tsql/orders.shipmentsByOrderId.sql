-- orders.shipmentsByOrderId: shipments of several orders.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3"
select "erp_shipments"."id" as "id",
  "erp_shipments"."order_id" as "order_id",
  "erp_shipments"."shipment_number" as "shipment_number",
  CONVERT(CHAR(10), "erp_shipments"."ship_date", 23) as "ship_date",
  "erp_shipments"."carrier" as "carrier",
  "erp_shipments"."tracking_number" as "tracking_number",
  "erp_shipments"."status" as "status"
from "erp_shipments"
where "erp_shipments"."order_id" in (select "erp_orders"."id" from "erp_orders" where "erp_orders"."customer_id" = @1 and "erp_orders"."id" in (@2, @3, @4))
order by "erp_shipments"."order_id",
  "erp_shipments"."id";
