-- Per-person daily upload quota (matterhub.uploads.daily-bytes-per-person): the bytes each portal user stored through
-- the upload endpoint per UTC day. Written in the uploader's own scope, in the transaction that records the upload,
-- so a refused or failed upload counts nothing and two concurrent uploads cannot both slip under the quota.
create table upload_usage (
  firm_id  uuid   not null references firm(id),
  user_id  uuid   not null references portal_user(id),
  day      date   not null,
  bytes    bigint not null default 0 check (bytes >= 0),
  uploads  integer not null default 0 check (uploads >= 0),
  primary key (firm_id, user_id, day)
);

-- Firm isolation (restrictive); a person reads and adds to their own usage only (client or firm side); the firm side
-- may read its people's usage. Rows are never deleted by the app.
alter table upload_usage enable row level security;
alter table upload_usage force row level security;
create policy tenant_isolation on upload_usage as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy own_usage on upload_usage
  using (user_id = mh_user()) with check (user_id = mh_user());
create policy firm_side_read on upload_usage for select using (mh_firm_side());

grant select, insert, update on upload_usage to ${app_role};
revoke delete, truncate on upload_usage from ${app_role};
