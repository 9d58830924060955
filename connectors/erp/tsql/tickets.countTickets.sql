-- tickets.countTickets: number of tickets with a status.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "CLOSED"
select count(*) as "count"
from "erp_service_cases"
where ("erp_service_cases"."customer_id" = @1 and "erp_service_cases"."status" in (@2));
