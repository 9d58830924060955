-- invoices.invoiceTrend: dashboard trend: invoiced and paid per month for 12 months.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "2025-12-01", @3 = "2026-11-30", @4 = "1", @5 = "2025-12-01", @6 = "2026-11-30"
select 'invoiced' as "kind",
  CONVERT(CHAR(7), "erp_invoices"."invoice_date", 126) as "month",
  CAST(CAST(SUM("erp_invoices"."amount") AS DECIMAL(38,4)) AS VARCHAR(50)) as "total"
from "erp_invoices"
where "erp_invoices"."customer_id" = @1
  and "erp_invoices"."invoice_date" >= @2
  and "erp_invoices"."invoice_date" <= @3
group by CONVERT(CHAR(7), "erp_invoices"."invoice_date", 126)
union all select 'paid' as "kind",
  CONVERT(CHAR(7), "erp_invoice_payments"."payment_date", 126) as "month",
  CAST(CAST(SUM("erp_invoice_payments"."amount") AS DECIMAL(38,4)) AS VARCHAR(50)) as "total"
from "erp_invoice_payments"
where "erp_invoice_payments"."invoice_id" in (select "erp_invoices"."id" from "erp_invoices" where "erp_invoices"."customer_id" = @4)
  and "erp_invoice_payments"."payment_date" >= @5
  and "erp_invoice_payments"."payment_date" <= @6
group by CONVERT(CHAR(7), "erp_invoice_payments"."payment_date", 126);
