-- Per-firm data keys for envelope encryption of document binaries (DESIGN §5: encrypted at rest).
-- A data key is 256 random bits, stored only wrapped by the master key (SecretCipher, AES-256-GCM) with
-- associated data "firm_data_key:<firm_id>:<id>", so a wrapped key copied into another firm's row, or under
-- another id, does not unwrap. Each blob's header names the key id that sealed it; retired keys stay readable
-- (old blobs), only the active key (retired_at is null, at most one per firm) seals new blobs.
create table firm_data_key (
  id          uuid primary key default gen_random_uuid(),
  firm_id     uuid not null references firm(id),
  key_enc     bytea not null,          -- wrapped by the master key; never logged, never sent to a client
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);
create unique index firm_data_key_one_active on firm_data_key (firm_id) where retired_at is null;

-- Firm isolation (restrictive) and firm-side access only, as V2 gives every tenant table. No client policy:
-- a client actor reads nothing here; the hub unwraps keys on the firm's side.
alter table firm_data_key enable row level security;
alter table firm_data_key force row level security;
create policy tenant_isolation on firm_data_key as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on firm_data_key using (mh_firm_side()) with check (mh_firm_side());

-- Keys are retired, never deleted, while a blob may still name them.
grant select, insert, update on firm_data_key to ${app_role};
revoke delete, truncate on firm_data_key from ${app_role};
