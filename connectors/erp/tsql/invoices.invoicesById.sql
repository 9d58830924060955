-- invoices.invoicesById: invoices by id.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3"
select "erp_invoices"."id" as "id",
  "erp_invoices"."customer_id" as "customer_id",
  "erp_invoices"."invoice_number" as "invoice_number",
  "erp_invoices"."invoice_type" as "invoice_type",
  CONVERT(CHAR(10), "erp_invoices"."invoice_date", 23) as "invoice_date",
  CONVERT(CHAR(10), "erp_invoices"."due_date", 23) as "due_date",
  "erp_invoices"."currency_code" as "currency_code",
  CAST(CAST("erp_invoices"."amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "amount",
  CAST(CAST("erp_invoices"."balance" AS DECIMAL(38,4)) AS VARCHAR(50)) as "balance",
  "erp_invoices"."order_id" as "order_id"
from "erp_invoices"
where "erp_invoices"."customer_id" = @1
  and "erp_invoices"."id" in (@2, @3, @4);
