-- Billing (issue 4): invoices, lines and payments as QuickBooks Online or Xero report them, the customers and
-- contacts they are billed to, payments staff record in the portal, and the reconciliation of balances.
--
-- Field ownership: amounts, taxes, balances and statuses belong to the accounting system. The sync writes them; no
-- portal path edits them. A firm-recorded payment is a request to the accounting system (payment_posting); the
-- portal's payment history and the invoice balance change only when the sync reads the payment back.

-- ---------------------------------------------------------------- invoices and payments from the accounting system
alter table invoice add column connection_id uuid references connection(id);
alter table invoice add column external_id text;             -- QuickBooks Invoice.Id, Xero InvoiceID
alter table invoice add column external_key uuid generated always as (md5(external_id)::uuid) stored;   -- see V9
alter table invoice add column customer_external_id text;    -- QuickBooks CustomerRef, Xero ContactID
alter table invoice add column customer_name text;
alter table invoice add column reference text;               -- Xero Reference / QuickBooks memo, as billed
alter table invoice add column tax_minor bigint not null default 0;
alter table invoice add column vendor_status text;           -- the accounting system's own word (AUTHORISED, Voided…)
alter table invoice add column sync_token text;              -- QuickBooks SyncToken
alter table invoice add column source_updated_at timestamptz;
alter table invoice add column payment_url_at timestamptz;   -- when payment_url was read from the vendor
-- Why the invoice has no matter (null when it has one): the firm's rule found no number, no matter has it, the
-- customer bills another organisation than the matter's, or the customer is tied to no organisation and the firm
-- links customers only by its explicit map.
alter table invoice add column matter_resolution text
  check (matter_resolution in ('no_number', 'no_matter', 'org_mismatch', 'unlinked_customer'));
alter table invoice add column matter_number text;           -- the number the firm's rule read, matched or not
create unique index invoice_external_idx on invoice (connection_id, external_key) where external_id is not null;
create index invoice_org_idx on invoice (firm_id, client_org_id, due_on);
create index invoice_matter_idx on invoice (matter_id);

alter table invoice_line add column line_number integer;
alter table invoice_line add column unit_minor bigint;
alter table invoice_line add column tax_minor bigint;

alter table payment add column connection_id uuid references connection(id);
alter table payment add column external_id text;             -- QuickBooks Payment.Id, Xero PaymentID
alter table payment add column external_key uuid generated always as (md5(external_id)::uuid) stored;
alter table payment add column reference text;               -- PaymentRefNum / Reference; a portal posting's key
alter table payment add column posting_id uuid;              -- the firm-recorded posting it came from, if any
alter table payment add column source_updated_at timestamptz;
alter table payment add column deleted_at timestamptz;       -- removed or voided in the accounting system
alter table payment add column updated_at timestamptz not null default now();
create unique index payment_external_idx on payment (connection_id, external_key, invoice_id) where external_id is not null;
create index payment_invoice_idx on payment (invoice_id);

-- Customers (QuickBooks) and contacts (Xero) and the client organisation, and the matter, each bills.
create table billing_customer (
  firm_id             uuid not null references firm(id),
  connection_id       uuid not null references connection(id),
  external_id         text not null,
  external_key        uuid generated always as (md5(external_id)::uuid) stored,
  name                text not null,
  parent_external_id  text,                 -- QuickBooks sub-customer's parent (the client of a per-matter job)
  client_org_id       uuid references client_org(id),
  active              boolean not null default true,
  source_updated_at   timestamptz,
  updated_at          timestamptz not null default now(),
  primary key (connection_id, external_id)
);
create index billing_customer_key_idx on billing_customer (connection_id, external_key);

-- ---------------------------------------------------------------- firm-recorded payments
-- A payment staff recorded as received (bank transfer, cheque). Its id is the requestid (QuickBooks) or
-- Idempotency-Key (Xero) of the one create the outbox sends, and the reference the payment carries, so a crash at
-- any point ends with exactly one payment in the accounting system.
create table payment_posting (
  id                    uuid primary key default gen_random_uuid(),
  firm_id               uuid not null references firm(id),
  connection_id         uuid not null references connection(id),
  invoice_id            uuid not null references invoice(id),
  amount_minor          bigint not null check (amount_minor > 0),
  currency              char(3) not null,
  received_on           date not null,
  method                text not null check (method in ('bank_transfer', 'cheque', 'cash', 'card', 'other')),
  note                  text,
  recorded_by           uuid references portal_user(id),
  status                text not null default 'pending' check (status in ('pending', 'posted', 'failed')),
  external_payment_id   text,
  last_error            text,
  created_at            timestamptz not null default now(),
  posted_at             timestamptz
);
create index payment_posting_invoice_idx on payment_posting (invoice_id);

-- ---------------------------------------------------------------- reconciliation
-- One row per run, connection and client organisation (and currency): the balance the portal holds against the one
-- the accounting system reports. A difference is reported, never corrected by the portal.
create table billing_reconciliation (
  id                    bigserial primary key,
  firm_id               uuid not null references firm(id),
  connection_id         uuid not null references connection(id),
  run_id                uuid not null,
  client_org_id         uuid references client_org(id),
  customer_external_id  text,
  currency              char(3) not null,
  portal_balance_minor  bigint not null,
  vendor_balance_minor  bigint not null,
  invoices_compared     integer not null,
  differing_invoices    jsonb not null default '[]'::jsonb,
  matches               boolean generated always as (portal_balance_minor = vendor_balance_minor) stored,
  ran_at                timestamptz not null default now()
);
create index billing_reconciliation_run_idx on billing_reconciliation (firm_id, ran_at desc);

do $$
declare t text;
begin
  foreach t in array array['billing_customer', 'payment_posting', 'billing_reconciliation'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm())', t);
    execute format('create policy firm_side on %I using (mh_firm_side()) with check (mh_firm_side())', t);
    execute format('grant select, insert, update, delete on %I to ${app_role}', t);
  end loop;
end $$;
grant usage, select on sequence billing_reconciliation_id_seq to ${app_role};

-- A client reads a deleted payment nowhere; a client reads a posting only once it is a payment.
drop policy client_read on payment;
create policy client_read on payment for select using (deleted_at is null and exists (select 1 from invoice i where i.id = invoice_id));

-- A client never reads a draft or a deleted invoice (nor, through the policies above, its lines and payments).
drop policy client_read on invoice;
create policy client_read on invoice for select
  using (status not in ('draft', 'deleted') and mh_client_invoice(client_org_id, matter_id));
