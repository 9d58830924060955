-- directory.customersById: customers by id.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "2", @3 = "3"
select "erp_customers"."id" as "id",
  "erp_customers"."customer_number" as "customer_number",
  "erp_customers"."name" as "name",
  "erp_customers"."currency_code" as "currency_code",
  "erp_customers"."salesforce_account_id" as "salesforce_account_id"
from "erp_customers"
where "erp_customers"."id" in (@1, @2, @3);
