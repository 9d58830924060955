-- orders.documentsByOrderId: documents of several orders.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3"
select "erp_documents"."id" as "id",
  "erp_documents"."order_id" as "order_id",
  "erp_documents"."document_type" as "document_type",
  "erp_documents"."title" as "title",
  "erp_documents"."file_name" as "file_name",
  "erp_documents"."content_type" as "content_type",
  "erp_documents"."storage_key" as "storage_key",
  CONVERT(CHAR(10), "erp_documents"."created_date", 23) as "created_date"
from "erp_documents"
where "erp_documents"."order_id" in (select "erp_orders"."id" from "erp_orders" where "erp_orders"."customer_id" = @1 and "erp_orders"."id" in (@2, @3, @4))
order by "erp_documents"."order_id",
  "erp_documents"."created_date",
  "erp_documents"."id";
