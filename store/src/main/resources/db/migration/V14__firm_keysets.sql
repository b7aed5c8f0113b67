-- Per-firm Tink keysets for document binaries (streaming AEAD, AES-256-GCM-HKDF in 64 KiB segments), replacing
-- the home-made envelope's firm_data_key (kept read-only until V7's blobs are re-encrypted, see docs/architecture.md).
-- One row per firm: the keyset, serialized as Tink's binary keyset format, stored only wrapped by the master key
-- (SecretCipher, AES-256-GCM) with associated data "firm_keyset:<firm_id>", so a keyset copied into another
-- firm's row does not unwrap. Rotation adds a key and makes it primary: older keys stay, so older blobs stay readable.
create table firm_keyset (
  firm_id     uuid primary key references firm(id),
  keyset_enc  bytea not null,          -- wrapped by the master key; never logged, never sent to a client
  created_at  timestamptz not null default now(),
  rotated_at  timestamptz
);

-- Firm isolation (restrictive) and firm-side access only, as V7 gives firm_data_key. No client policy: a client
-- actor reads nothing here; the hub unwraps a keyset on the firm's side.
alter table firm_keyset enable row level security;
alter table firm_keyset force row level security;
create policy tenant_isolation on firm_keyset as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on firm_keyset using (mh_firm_side()) with check (mh_firm_side());

-- A keyset is rotated (updated), never deleted, while a blob may still need one of its keys.
grant select, insert, update on firm_keyset to ${app_role};
revoke delete, truncate on firm_keyset from ${app_role};
