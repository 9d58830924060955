-- directory.contactsById: contacts by id.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "2", @3 = "3"
select "erp_contacts"."id" as "id",
  "erp_contacts"."customer_id" as "customer_id",
  "erp_contacts"."email" as "email",
  "erp_contacts"."full_name" as "full_name",
  "erp_contacts"."portal_role" as "portal_role",
  "erp_contacts"."portal_access" as "portal_access"
from "erp_contacts"
where "erp_contacts"."id" in (@1, @2, @3);
