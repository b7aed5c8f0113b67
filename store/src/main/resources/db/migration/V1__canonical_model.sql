-- Matterhub canonical model (DESIGN §3). Runs as the schema owner; the application connects as
-- matterhub_app, which owns nothing, is not superuser and has no BYPASSRLS (see V2).

create extension if not exists pgcrypto;

-- ---------------------------------------------------------------- firms and connections
create table firm (
  id          uuid primary key default gen_random_uuid(),
  firm_id     uuid generated always as (id) stored,   -- uniform tenant column, so every tenant table carries firm_id
  name        text not null,
  slug        text not null unique,
  settings    jsonb not null default '{}'::jsonb,
  created_at  timestamptz not null default now()
);

create table connection (
  id                    uuid primary key default gen_random_uuid(),
  firm_id               uuid not null references firm(id),
  vendor                text not null check (vendor in ('clio','imanage','netdocuments','quickbooks','xero','google','microsoft','docusign')),
  display_name          text not null,
  status                text not null default 'pending_authorization'
                        check (status in ('pending_authorization','active','paused','reauthorization_required','error')),
  base_url              text not null,
  settings              jsonb not null default '{}'::jsonb,
  tokens_enc            bytea,            -- AES-256-GCM envelope, never logged
  oauth_state           text,             -- anti-CSRF state of a pending authorization
  webhooks_enabled      boolean not null default true,
  last_poll_at          timestamptz,
  last_success_at       timestamptz,
  last_error            text,
  last_error_at         timestamptz,
  error_count           bigint not null default 0,
  rate_limit_limit      integer,
  rate_limit_remaining  integer,
  rate_limit_reset_at   timestamptz,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  unique (firm_id, vendor, display_name)
);

create table webhook_subscription (
  id                 uuid primary key default gen_random_uuid(),
  firm_id            uuid not null references firm(id),
  connection_id      uuid not null references connection(id),
  vendor_webhook_id  text not null,
  model              text not null,
  secret_enc         bytea,
  status             text not null default 'pending' check (status in ('pending','enabled','suspended','deleted')),
  expires_at         timestamptz,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  unique (connection_id, vendor_webhook_id)
);

-- ---------------------------------------------------------------- people and organisations
create table client_org (
  id          uuid primary key default gen_random_uuid(),
  firm_id     uuid not null references firm(id),
  name        text not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table portal_user (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  email         text not null,
  display_name  text not null,
  kind          text not null check (kind in ('client','firm')),
  firm_role     text check (firm_role in ('staff','partner','firm_admin','ops')),
  subject       text,                      -- OIDC subject, bound at first sign-in
  status        text not null default 'invited' check (status in ('invited','active','revoked')),
  contact_id    uuid,                      -- the practice-management contact this person is
  revoked_at    timestamptz,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (firm_id, email),
  check ((kind = 'firm') = (firm_role is not null))
);

create table membership (
  id             uuid primary key default gen_random_uuid(),
  firm_id        uuid not null references firm(id),
  user_id        uuid not null references portal_user(id),
  client_org_id  uuid not null references client_org(id),
  role           text not null check (role in ('org_admin','member','finance')),
  revoked_at     timestamptz,
  created_at     timestamptz not null default now(),
  unique (user_id, client_org_id)
);

create table contact (
  id                 uuid primary key default gen_random_uuid(),
  firm_id            uuid not null references firm(id),
  client_org_id      uuid references client_org(id),
  source_connection_id uuid references connection(id),   -- the system of record for this contact
  kind               text not null check (kind in ('person','company')),
  name               text not null,
  first_name         text,
  last_name          text,
  email              text,
  phone              text,
  address            jsonb,
  source_updated_at  timestamptz,
  deleted_at         timestamptz,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
alter table portal_user add constraint portal_user_contact_fk foreign key (contact_id) references contact(id);

-- ---------------------------------------------------------------- matters
create table matter (
  id                          uuid primary key default gen_random_uuid(),
  firm_id                     uuid not null references firm(id),
  client_org_id               uuid references client_org(id),
  source_connection_id        uuid references connection(id),
  number                      text,
  display_number              text not null,
  description                 text,
  status                      text not null check (status in ('pending','open','closed')),
  practice_area               text,
  responsible_attorney_name   text,
  responsible_attorney_email  text,
  open_date                   date,
  pending_date                date,
  close_date                  date,
  source_updated_at           timestamptz,
  deleted_at                  timestamptz,
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now()
);
create index matter_org_idx on matter (firm_id, client_org_id);

create table matter_milestone (
  id          uuid primary key default gen_random_uuid(),
  firm_id     uuid not null references firm(id),
  matter_id   uuid not null references matter(id),
  kind        text not null,
  title       text not null,
  occurred_at timestamptz not null,
  client_visible boolean not null default true,
  created_at  timestamptz not null default now()
);
create index matter_milestone_matter_idx on matter_milestone (matter_id, occurred_at);

create table matter_grant (
  id          uuid primary key default gen_random_uuid(),
  firm_id     uuid not null references firm(id),
  user_id     uuid not null references portal_user(id),
  matter_id   uuid not null references matter(id),
  scopes      text[] not null default array['documents','invoices','messages','appointments','signatures'],
  revoked_at  timestamptz,
  created_at  timestamptz not null default now(),
  unique (user_id, matter_id)
);

-- ---------------------------------------------------------------- sections filled by later capabilities
create table document (
  id             uuid primary key default gen_random_uuid(),
  firm_id        uuid not null references firm(id),
  matter_id      uuid references matter(id),
  title          text not null,
  category       text,
  state          text not null default 'internal'
                 check (state in ('internal','pending_review','published','client_approved','changes_requested','closed','unpublished')),
  current_version integer,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

create table document_version (
  id             uuid primary key default gen_random_uuid(),
  firm_id        uuid not null references firm(id),
  document_id    uuid not null references document(id),
  version_number integer not null,
  published      boolean not null default false,
  file_name      text,
  content_type   text,
  size_bytes     bigint,
  storage_key    text,
  sha256         text,
  created_at     timestamptz not null default now(),
  unique (document_id, version_number)
);

create table document_action (
  id           uuid primary key default gen_random_uuid(),
  firm_id      uuid not null references firm(id),
  document_id  uuid not null references document(id),
  user_id      uuid references portal_user(id),
  action       text not null check (action in ('approve','request_changes','close')),
  comment      text,
  created_at   timestamptz not null default now()
);

create table message (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  matter_id     uuid not null references matter(id),
  author_id     uuid references portal_user(id),
  body          text not null,
  attachments   jsonb not null default '[]'::jsonb,
  created_at    timestamptz not null default now()
);

create table invoice (
  id             uuid primary key default gen_random_uuid(),
  firm_id        uuid not null references firm(id),
  client_org_id  uuid references client_org(id),
  matter_id      uuid references matter(id),
  number         text,
  status         text not null default 'open' check (status in ('draft','open','paid','partially_paid','void','deleted')),
  currency       char(3) not null,
  total_minor    bigint not null default 0,
  balance_minor  bigint not null default 0,
  issued_on      date,
  due_on         date,
  payment_url    text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

create table invoice_line (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  invoice_id    uuid not null references invoice(id),
  description   text,
  quantity      numeric(18,4),
  amount_minor  bigint not null,
  created_at    timestamptz not null default now()
);

create table payment (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  invoice_id    uuid references invoice(id),
  client_org_id uuid references client_org(id),
  amount_minor  bigint not null check (amount_minor > 0),
  currency      char(3) not null,
  received_on   date not null,
  method        text,
  created_at    timestamptz not null default now()
);

create table appointment (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  matter_id     uuid references matter(id),
  title         text not null,
  starts_at     timestamptz not null,
  ends_at       timestamptz not null,
  location      text,
  status        text not null default 'confirmed',
  created_at    timestamptz not null default now()
);

create table signature_request (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  matter_id     uuid references matter(id),
  document_id   uuid references document(id),
  title         text not null,
  status        text not null default 'sent',
  signing_url   text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

-- ---------------------------------------------------------------- sync engine state
create table external_ref (
  id                 bigserial primary key,
  firm_id            uuid not null references firm(id),
  connection_id      uuid not null references connection(id),
  system             text not null,
  entity_type        text not null,
  external_id        text not null,
  local_id           uuid not null,
  etag               text,
  content_hash       text,
  source_updated_at  timestamptz,
  last_seen_at       timestamptz not null default now(),
  deleted_at         timestamptz,
  unique (connection_id, entity_type, external_id)
);
create index external_ref_local_idx on external_ref (local_id);

create table sync_cursor (
  firm_id        uuid not null references firm(id),
  connection_id  uuid not null references connection(id),
  entity         text not null,
  sub_resource   text not null default '',
  mode           text not null check (mode in ('backfill','incremental')),
  position       jsonb not null default '{}'::jsonb,
  pages          bigint not null default 0,
  records        bigint not null default 0,
  updated_at     timestamptz not null default now(),
  primary key (connection_id, entity, sub_resource, mode)
);

create table outbox (
  id               bigserial primary key,
  firm_id          uuid not null references firm(id),
  connection_id    uuid not null references connection(id),
  kind             text not null,
  aggregate_type   text not null,
  aggregate_id     uuid not null,
  payload          jsonb not null,
  idempotency_key  text not null unique,
  status           text not null default 'pending' check (status in ('pending','delivered','dead')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  created_at       timestamptz not null default now(),
  delivered_at     timestamptz
);
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

create table inbox (
  id               bigserial primary key,
  firm_id          uuid not null references firm(id),
  connection_id    uuid not null references connection(id),
  vendor           text not null,
  event_id         text not null,
  payload          text not null,
  status           text not null default 'pending' check (status in ('pending','processed','dead')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  received_at      timestamptz not null default now(),
  processed_at     timestamptz,
  unique (connection_id, event_id)
);
create index inbox_due_idx on inbox (next_attempt_at) where status = 'pending';

create table dead_letter (
  id             bigserial primary key,
  firm_id        uuid not null references firm(id),
  connection_id  uuid references connection(id),
  source         text not null check (source in ('outbox','inbox','poll')),
  source_id      bigint,
  payload        text,
  error          text not null,
  error_class    text not null,
  attempts       integer not null,
  status         text not null default 'open' check (status in ('open','replayed','discarded')),
  created_at     timestamptz not null default now(),
  replayed_at    timestamptz
);

create table field_conflict (
  id            bigserial primary key,
  firm_id       uuid not null references firm(id),
  entity_type   text not null,
  entity_id     uuid not null,
  field         text not null,
  owner_system  text not null,
  kept_value    text,
  lost_system   text not null,
  lost_value    text,
  occurred_at   timestamptz not null default now()
);

create table audit_event (
  id            bigserial primary key,
  firm_id       uuid not null references firm(id),
  occurred_at   timestamptz not null default now(),
  actor_user_id uuid,
  actor_kind    text not null,
  action        text not null,
  subject_type  text not null,
  subject_id    text,
  details       jsonb not null default '{}'::jsonb,
  prev_hash     text,
  hash          text
);
create index audit_event_firm_idx on audit_event (firm_id, id);
