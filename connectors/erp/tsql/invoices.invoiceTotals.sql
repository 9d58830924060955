-- invoices.invoiceTotals: dashboard totals: invoiced, current and overdue balance.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "2026-11-30", @2 = "2026-11-30", @3 = "2026-11-30", @4 = "2026-11-30", @5 = "1"
select "erp_customers"."currency_code",
  CAST(CAST(COALESCE(SUM(CASE WHEN "erp_invoices"."invoice_date" <= @1 THEN "erp_invoices"."amount" ELSE 0 END), 0) AS DECIMAL(38,4)) AS VARCHAR(50)) as "total_invoiced",
  CAST(CAST(COALESCE(SUM(CASE WHEN "erp_invoices"."balance" <> 0 AND "erp_invoices"."due_date" >= @2 THEN "erp_invoices"."balance" ELSE 0 END), 0) AS DECIMAL(38,4)) AS VARCHAR(50)) as "current_balance",
  CAST(CAST(COALESCE(SUM(CASE WHEN "erp_invoices"."balance" <> 0 AND "erp_invoices"."due_date" < @3 THEN "erp_invoices"."balance" ELSE 0 END), 0) AS DECIMAL(38,4)) AS VARCHAR(50)) as "overdue_balance",
  COALESCE(SUM(CASE WHEN "erp_invoices"."balance" <> 0 THEN 1 ELSE 0 END), 0) as "outstanding_count",
  COALESCE(SUM(CASE WHEN "erp_invoices"."balance" <> 0 AND "erp_invoices"."due_date" < @4 THEN 1 ELSE 0 END), 0) as "overdue_count"
from "erp_customers"
left join "erp_invoices" on "erp_invoices"."customer_id" = "erp_customers"."id"
where "erp_customers"."id" = @5
group by "erp_customers"."currency_code";
