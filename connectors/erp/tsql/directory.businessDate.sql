-- directory.businessDate: the ERP business date.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

select CONVERT(CHAR(10), MAX("erp_business_date"."business_date"), 23) as "business_date"
from "erp_business_date";
