-- directory.contactsByEmail: contacts by e-mail address, ignoring case.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "alice@acme.example", @2 = "bob@globex.example"
select "erp_contacts"."id" as "id",
  "erp_contacts"."customer_id" as "customer_id",
  "erp_contacts"."email" as "email",
  "erp_contacts"."full_name" as "full_name",
  "erp_contacts"."portal_role" as "portal_role",
  "erp_contacts"."portal_access" as "portal_access"
from "erp_contacts"
where LOWER("erp_contacts"."email") in (@1, @2)
order by "erp_contacts"."id";
