-- The ERP contract (docs/erp-contract.md) as PostgreSQL views over the
-- Northwind sample database, a schema designed outside this project. The
-- contract suite (connectors/erp/contract.test.ts) and the exactness checks
-- in connectors/erp/northwind.test.ts run against these views.
--
-- Northwind lacks several things the contract needs. These are test-fixture
-- choices, not rules for real installations:
-- - Customer keys are five-letter codes. northwind_customer_key() reads the
--   letters as base-27 digits (A = 1 ... Z = 26), which gives every code its
--   own stable BIGINT.
-- - Each customer has one contact, taken from its contact name, with a made-up
--   address <name>@<code>.northwind.example. Owners are ADMIN, accounting
--   managers BILLING, everyone else STANDARD.
-- - Every amount is in USD.
-- - Prices, discounts and freight are `real` (binary floating point). Each is
--   rounded to whole cents (prices, freight) or hundredths (discounts) as
--   numeric, then line amounts are computed in numeric and rounded to cents.
--   So 9.80000019 becomes 9.80, and every sum is exact.
-- - Invoices: one per shipped order, dated on the ship date, due 30 days
--   later, with the order lines plus a freight line. An invoice is open until
--   45 days after it was issued and then paid in full on its due date.
-- - The business date is the last order date, 1998-05-06.
-- - Northwind has no documents, service cases or comments, so those views
--   are empty. Ticket writes need real tables (or TICKETS_SOURCE=salesforce).

CREATE FUNCTION northwind_customer_key(code varchar) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (ascii(substr(code, 1, 1)) - 64) * 531441::bigint
       + (ascii(substr(code, 2, 1)) - 64) * 19683
       + (ascii(substr(code, 3, 1)) - 64) * 729
       + (ascii(substr(code, 4, 1)) - 64) * 27
       + (ascii(substr(code, 5, 1)) - 64)
$$;

CREATE VIEW erp_business_date AS
SELECT max(order_date) AS business_date
FROM orders;

CREATE VIEW erp_customers AS
SELECT northwind_customer_key(c.customer_id) AS id,
       c.customer_id::varchar(40) AS customer_number,
       c.company_name::varchar(200) AS name,
       'USD'::char(3) AS currency_code,
       NULL::varchar(18) AS salesforce_account_id
FROM customers c;

CREATE VIEW erp_contacts AS
SELECT northwind_customer_key(c.customer_id) AS id,
       northwind_customer_key(c.customer_id) AS customer_id,
       (trim(BOTH '.' FROM lower(regexp_replace(c.contact_name, '[^A-Za-z]+', '.', 'g')))
         || '@' || lower(c.customer_id) || '.northwind.example')::varchar(320) AS email,
       c.contact_name::varchar(200) AS full_name,
       (CASE
          WHEN c.contact_title LIKE 'Owner%' THEN 'ADMIN'
          WHEN c.contact_title = 'Accounting Manager' THEN 'BILLING'
          ELSE 'STANDARD'
        END)::varchar(20) AS portal_role,
       true AS portal_access
FROM customers c
WHERE c.contact_name IS NOT NULL;

-- Lines with exact amounts, shared by orders, order lines and invoices.
CREATE VIEW northwind_priced_lines AS
SELECT d.order_id,
       d.product_id,
       d.quantity,
       round(d.unit_price::numeric, 2) AS unit_price,
       round(d.quantity * round(d.unit_price::numeric, 2) * (1 - round(d.discount::numeric, 2)), 2) AS amount,
       row_number() OVER (PARTITION BY d.order_id ORDER BY d.product_id) AS line_number
FROM order_details d;

CREATE VIEW erp_orders AS
SELECT o.order_id::bigint AS id,
       northwind_customer_key(o.customer_id) AS customer_id,
       ('NW-' || o.order_id)::varchar(40) AS order_number,
       NULL::varchar(60) AS customer_po,
       o.order_date AS order_date,
       (CASE WHEN o.shipped_date IS NULL THEN 'OPEN' ELSE 'CLOSED' END)::varchar(20) AS status,
       'USD'::char(3) AS currency_code,
       (SELECT coalesce(sum(l.amount), 0) FROM northwind_priced_lines l WHERE l.order_id = o.order_id)::numeric(19, 4) AS total_amount
FROM orders o;

CREATE VIEW erp_order_lines AS
SELECT l.order_id * 100::bigint + l.product_id AS id,
       l.order_id::bigint AS order_id,
       l.line_number::integer AS line_number,
       l.product_id::varchar(40) AS item_number,
       p.product_name::varchar(400) AS description,
       l.quantity::numeric(19, 4) AS quantity_ordered,
       (CASE WHEN o.shipped_date IS NULL THEN 0 ELSE l.quantity END)::numeric(19, 4) AS quantity_shipped,
       l.unit_price::numeric(19, 4) AS unit_price,
       l.amount::numeric(19, 4) AS amount
FROM northwind_priced_lines l
JOIN orders o ON o.order_id = l.order_id
JOIN products p ON p.product_id = l.product_id;

CREATE VIEW erp_shipments AS
SELECT o.order_id::bigint AS id,
       o.order_id::bigint AS order_id,
       ('NW-SH-' || o.order_id)::varchar(40) AS shipment_number,
       o.shipped_date AS ship_date,
       coalesce(s.company_name, 'Unknown')::varchar(40) AS carrier,
       NULL::varchar(60) AS tracking_number,
       (CASE WHEN o.shipped_date IS NULL THEN 'PENDING' ELSE 'DELIVERED' END)::varchar(20) AS status
FROM orders o
LEFT JOIN shippers s ON s.shipper_id = o.ship_via;

CREATE VIEW erp_documents AS
SELECT NULL::bigint AS id,
       NULL::bigint AS order_id,
       NULL::varchar(30) AS document_type,
       NULL::varchar(200) AS title,
       NULL::varchar(255) AS file_name,
       NULL::varchar(100) AS content_type,
       NULL::varchar(1000) AS storage_key,
       NULL::date AS created_date
WHERE false;

-- Shipped orders with their exact invoice amount: goods plus freight.
CREATE VIEW northwind_invoices AS
SELECT o.order_id,
       o.customer_id,
       o.shipped_date AS invoice_date,
       o.shipped_date + 30 AS due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM northwind_priced_lines l WHERE l.order_id = o.order_id)
         + round(coalesce(o.freight, 0)::numeric, 2) AS amount,
       o.shipped_date + 45 > (SELECT business_date FROM erp_business_date) AS is_open
FROM orders o
WHERE o.shipped_date IS NOT NULL;

CREATE VIEW erp_invoices AS
SELECT i.order_id::bigint AS id,
       northwind_customer_key(i.customer_id) AS customer_id,
       ('NW-INV-' || i.order_id)::varchar(40) AS invoice_number,
       'INVOICE'::varchar(20) AS invoice_type,
       i.invoice_date AS invoice_date,
       i.due_date AS due_date,
       'USD'::char(3) AS currency_code,
       i.amount::numeric(19, 4) AS amount,
       (CASE WHEN i.is_open THEN i.amount ELSE 0 END)::numeric(19, 4) AS balance,
       i.order_id::bigint AS order_id
FROM northwind_invoices i;

CREATE VIEW erp_invoice_lines AS
SELECT l.id, l.order_id AS invoice_id, l.line_number, l.item_number, l.description,
       l.quantity_ordered AS quantity, l.unit_price, l.amount
FROM erp_order_lines l
JOIN orders o ON o.order_id = l.order_id
WHERE o.shipped_date IS NOT NULL
UNION ALL
SELECT o.order_id * 100::bigint + 99 AS id,
       o.order_id::bigint AS invoice_id,
       100 AS line_number,
       NULL::varchar(40) AS item_number,
       'Freight'::varchar(400) AS description,
       1::numeric(19, 4) AS quantity,
       round(o.freight::numeric, 2)::numeric(19, 4) AS unit_price,
       round(o.freight::numeric, 2)::numeric(19, 4) AS amount
FROM orders o
WHERE o.shipped_date IS NOT NULL AND o.freight > 0;

CREATE VIEW erp_invoice_payments AS
SELECT i.order_id::bigint AS id,
       i.order_id::bigint AS invoice_id,
       i.due_date AS payment_date,
       i.amount::numeric(19, 4) AS amount,
       ('NW-PAY-' || i.order_id)::varchar(80) AS reference
FROM northwind_invoices i
WHERE NOT i.is_open;

CREATE VIEW erp_service_cases AS
SELECT NULL::bigint AS id,
       NULL::bigint AS customer_id,
       NULL::varchar(40) AS case_number,
       NULL::varchar(255) AS subject,
       NULL::text AS description,
       NULL::varchar(30) AS status,
       NULL::varchar(10) AS priority,
       NULL::bigint AS contact_id,
       NULL::timestamp(3) AS created_at,
       NULL::timestamp(3) AS updated_at,
       NULL::timestamp(3) AS closed_at
WHERE false;

CREATE VIEW erp_case_comments AS
SELECT NULL::bigint AS id,
       NULL::bigint AS case_id,
       NULL::varchar(200) AS author_name,
       NULL::boolean AS from_support,
       NULL::boolean AS is_public,
       NULL::text AS body,
       NULL::timestamp(3) AS created_at
WHERE false;
