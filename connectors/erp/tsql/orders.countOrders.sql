-- orders.countOrders: number of orders with no status allowed (matches nothing).
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1"
select count(*) as "count"
from "erp_orders"
where ("erp_orders"."customer_id" = @1 and 1 = 0);
