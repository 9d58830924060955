-- tickets.commentsByTicketId: public comments of several tickets.
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

-- parameters: @1 = "1", @2 = "1", @3 = "2", @4 = "3", @5 = true
select "erp_case_comments"."id" as "id",
  "erp_case_comments"."case_id" as "case_id",
  "erp_case_comments"."author_name" as "author_name",
  "erp_case_comments"."from_support" as "from_support",
  "erp_case_comments"."body" as "body",
  CONVERT(VARCHAR(33), "erp_case_comments"."created_at", 126) as "created_at"
from "erp_case_comments"
where "erp_case_comments"."case_id" in (select "erp_service_cases"."id" from "erp_service_cases" where "erp_service_cases"."customer_id" = @1 and "erp_service_cases"."id" in (@2, @3, @4))
  and "erp_case_comments"."is_public" = @5
order by "erp_case_comments"."case_id",
  "erp_case_comments"."created_at",
  "erp_case_comments"."id";
