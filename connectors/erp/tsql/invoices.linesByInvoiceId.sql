-- invoices.linesByInvoiceId: lines of several invoices.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3"
select "erp_invoice_lines"."id" as "id",
  "erp_invoice_lines"."invoice_id" as "invoice_id",
  "erp_invoice_lines"."line_number" as "line_number",
  "erp_invoice_lines"."item_number" as "item_number",
  "erp_invoice_lines"."description" as "description",
  CAST(CAST("erp_invoice_lines"."quantity" AS DECIMAL(38,4)) AS VARCHAR(50)) as "quantity",
  CAST(CAST("erp_invoice_lines"."unit_price" AS DECIMAL(38,4)) AS VARCHAR(50)) as "unit_price",
  CAST(CAST("erp_invoice_lines"."amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "amount"
from "erp_invoice_lines"
where "erp_invoice_lines"."invoice_id" in (select "erp_invoices"."id" from "erp_invoices" where "erp_invoices"."customer_id" = @1 and "erp_invoices"."id" in (@2, @3, @4))
order by "erp_invoice_lines"."invoice_id",
  "erp_invoice_lines"."line_number",
  "erp_invoice_lines"."id";
