-- demo.createErpTables: demo and test tables of the contract (not used against a real ERP).
-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).

SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA_NAME();

create table "erp_business_date" ("business_date" date not null);

create table "erp_customers" ("id" bigint identity primary key, "customer_number" nvarchar(40) not null unique, "name" nvarchar(200) not null, "currency_code" char(3) not null, "salesforce_account_id" nvarchar(18));

create table "erp_contacts" ("id" bigint identity primary key, "customer_id" bigint not null references "erp_customers" ("id"), "email" nvarchar(320) not null, "full_name" nvarchar(200) not null, "portal_role" nvarchar(20) not null, "portal_access" bit not null, constraint "erp_contacts_portal_role_check" check ("portal_role" IN ('ADMIN', 'BILLING', 'STANDARD')));

create table "erp_orders" ("id" bigint identity primary key, "customer_id" bigint not null references "erp_customers" ("id"), "order_number" nvarchar(40) not null unique, "customer_po" nvarchar(60), "order_date" date not null, "status" nvarchar(20) not null, "currency_code" char(3) not null, "total_amount" decimal(19, 4) not null, constraint "erp_orders_status_check" check ("status" IN ('OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CLOSED', 'CANCELLED')));

create table "erp_order_lines" ("id" bigint identity primary key, "order_id" bigint not null references "erp_orders" ("id"), "line_number" integer not null, "item_number" nvarchar(40), "description" nvarchar(400) not null, "quantity_ordered" decimal(19, 4) not null, "quantity_shipped" decimal(19, 4) not null, "unit_price" decimal(19, 4) not null, "amount" decimal(19, 4) not null);

create table "erp_shipments" ("id" bigint identity primary key, "order_id" bigint not null references "erp_orders" ("id"), "shipment_number" nvarchar(40) not null, "ship_date" date, "carrier" nvarchar(40) not null, "tracking_number" nvarchar(60), "status" nvarchar(20) not null, constraint "erp_shipments_status_check" check ("status" IN ('PENDING', 'IN_TRANSIT', 'DELIVERED')));

create table "erp_documents" ("id" bigint identity primary key, "order_id" bigint not null references "erp_orders" ("id"), "document_type" nvarchar(30) not null, "title" nvarchar(200) not null, "file_name" nvarchar(255) not null, "content_type" nvarchar(100) not null, "storage_key" nvarchar(1000) not null, "created_date" date not null, constraint "erp_documents_type_check" check ("document_type" IN ('ORDER_CONFIRMATION', 'DELIVERY_NOTE', 'PACKING_LIST', 'CERTIFICATE', 'DRAWING', 'OTHER')));

create table "erp_invoices" ("id" bigint identity primary key, "customer_id" bigint not null references "erp_customers" ("id"), "invoice_number" nvarchar(40) not null unique, "invoice_type" nvarchar(20) not null, "invoice_date" date not null, "due_date" date not null, "currency_code" char(3) not null, "amount" decimal(19, 4) not null, "balance" decimal(19, 4) not null, "order_id" bigint references "erp_orders" ("id"), constraint "erp_invoices_type_check" check ("invoice_type" IN ('INVOICE', 'CREDIT_MEMO')));

create table "erp_invoice_lines" ("id" bigint identity primary key, "invoice_id" bigint not null references "erp_invoices" ("id"), "line_number" integer not null, "item_number" nvarchar(40), "description" nvarchar(400) not null, "quantity" decimal(19, 4) not null, "unit_price" decimal(19, 4) not null, "amount" decimal(19, 4) not null);

create table "erp_invoice_payments" ("id" bigint identity primary key, "invoice_id" bigint not null references "erp_invoices" ("id"), "payment_date" date not null, "amount" decimal(19, 4) not null, "reference" nvarchar(80) not null);

create table "erp_service_cases" ("id" bigint identity primary key, "customer_id" bigint not null references "erp_customers" ("id"), "case_number" nvarchar(40) not null unique, "subject" nvarchar(255) not null, "description" nvarchar(max) not null, "status" nvarchar(30) not null, "priority" nvarchar(10) not null, "contact_id" bigint references "erp_contacts" ("id"), "created_at" datetime2(3) not null, "updated_at" datetime2(3) not null, "closed_at" datetime2(3), constraint "erp_service_cases_status_check" check ("status" IN ('NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'CLOSED')), constraint "erp_service_cases_priority_check" check ("priority" IN ('LOW', 'MEDIUM', 'HIGH')));

create table "erp_case_comments" ("id" bigint identity primary key, "case_id" bigint not null references "erp_service_cases" ("id"), "author_name" nvarchar(200) not null, "from_support" bit not null, "is_public" bit not null, "body" nvarchar(max) not null, "created_at" datetime2(3) not null);

create index "erp_contacts_customer" on "erp_contacts" ("customer_id");

create index "erp_invoices_customer_invoice_date" on "erp_invoices" ("customer_id", "invoice_date", "id");

create index "erp_invoices_customer_due_date" on "erp_invoices" ("customer_id", "due_date", "id");

create index "erp_invoices_customer_amount" on "erp_invoices" ("customer_id", "amount", "id");

create index "erp_invoices_customer_balance" on "erp_invoices" ("customer_id", "balance", "id");

create index "erp_invoices_order" on "erp_invoices" ("order_id");

create index "erp_invoice_lines_invoice" on "erp_invoice_lines" ("invoice_id", "line_number");

create index "erp_invoice_payments_invoice" on "erp_invoice_payments" ("invoice_id", "payment_date");

create index "erp_orders_customer_order_date" on "erp_orders" ("customer_id", "order_date", "id");

create index "erp_orders_customer_total" on "erp_orders" ("customer_id", "total_amount", "id");

create index "erp_order_lines_order" on "erp_order_lines" ("order_id", "line_number");

create index "erp_shipments_order" on "erp_shipments" ("order_id");

create index "erp_documents_order" on "erp_documents" ("order_id", "created_date");

create index "erp_service_cases_customer_created" on "erp_service_cases" ("customer_id", "created_at", "id");

create index "erp_service_cases_customer_updated" on "erp_service_cases" ("customer_id", "updated_at", "id");

create index "erp_case_comments_case" on "erp_case_comments" ("case_id", "created_at");
