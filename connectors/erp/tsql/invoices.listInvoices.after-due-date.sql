-- invoices.listInvoices.after-due-date: next page of invoices by due date ascending, paid credit memos only.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "CREDIT_MEMO", @3 = "2026-11-30", @4 = "2026-11-30", @5 = "42"
select top(11) "erp_invoices"."id" as "id",
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
where ("erp_invoices"."customer_id" = @1 and "erp_invoices"."balance" = 0 and "erp_invoices"."invoice_type" = @2)
  and ("erp_invoices"."due_date" > @3 OR ("erp_invoices"."due_date" = @4 AND "erp_invoices"."id" > @5))
order by "erp_invoices"."due_date" asc,
  "erp_invoices"."id" asc;
