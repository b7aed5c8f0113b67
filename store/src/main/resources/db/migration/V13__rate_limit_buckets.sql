-- Vendor rate limits shared by every node (Bucket4j's PostgreSQL backend, select-for-update strategy): one row per
-- limit scope, keyed like 'clio:<connection>', 'quickbooks:<realm>', 'xero:<tenant>:minute', 'xero:<tenant>:day',
-- 'dms:<connection>' (iManage, NetDocuments); state is Bucket4j's serialised bucket (configuration and
-- tokens). Each permit is one short transaction: insert the row if absent, select it for update, write it back.
--
-- No row-level security, and no firm_id: the table holds no firm data, only token counts under vendor scope ids, and
-- a limit scope is not a tenant's (a Xero organisation or a QuickBooks company may be shared by connections, and the
-- limit is the vendor's, whoever calls). The limiter runs outside any tenant transaction, on its own small pool.
create table rate_limit_bucket (
  id         text primary key,
  state      bytea,
  expires_at bigint
);

comment on table rate_limit_bucket is 'Bucket4j rate-limit buckets per vendor limit scope; no firm data, hence no RLS';

grant select, insert, update, delete on rate_limit_bucket to ${app_role};
