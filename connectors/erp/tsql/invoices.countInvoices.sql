-- invoices.countInvoices: number of outstanding invoices matching a number search.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "%INV%"
select count(*) as "count"
from "erp_invoices"
where ("erp_invoices"."customer_id" = @1 and "erp_invoices"."balance" <> 0 and LOWER("erp_invoices"."invoice_number") LIKE LOWER(@2) ESCAPE '!');
