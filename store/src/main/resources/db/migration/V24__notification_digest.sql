-- Digest e-mails (docs/conversation.md, "Digests"): one e-mail per person, period ('daily', 'weekly') and period key
-- (the person's local date the digest is for: the day, or the Monday of the week). The unique key is what makes a
-- digest exist once across nodes, retries and crashes. A digest is claimed ('prepared') together with its
-- notifications in one committed transaction before anything is sent; it is 'sent' once the mail server took it.
create table notification_digest (
  id                  uuid primary key default gen_random_uuid(),
  firm_id             uuid not null references firm(id),
  user_id             uuid not null references portal_user(id),
  period              text not null check (period in ('daily', 'weekly')),
  period_key          date not null,
  cut_off             timestamptz not null,   -- the scheduled moment: notifications created before it are in
  send_state          text not null default 'prepared' check (send_state in ('prepared', 'sent')),
  notification_count  integer not null check (notification_count >= 0),
  message_id          text not null,
  created_at          timestamptz not null default now(),
  sent_at             timestamptz,
  unique (user_id, period, period_key)
);
create index notification_digest_prepared_idx on notification_digest (firm_id, created_at) where send_state = 'prepared';

-- The digest a notification went out in (null: immediate, or still waiting).
alter table notification add column digest_id uuid references notification_digest(id);
create index notification_digest_idx on notification (digest_id) where digest_id is not null;
create index notification_waiting_digest_idx on notification (recipient_user_id, delivery, created_at)
  where emailed_at is null and digest_id is null and delivery in ('daily', 'weekly');

alter table notification_digest enable row level security;
alter table notification_digest force row level security;
create policy tenant_isolation on notification_digest as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
-- The firm's side reads digests (ops: what went out); only the system builds and marks them; a person reads their own.
create policy firm_side on notification_digest for select using (mh_firm_side());
create policy system_side on notification_digest using (mh_actor() = 'system') with check (mh_actor() = 'system');
create policy recipient_self on notification_digest for select using (user_id = mh_user());

revoke delete, truncate on notification_digest from ${app_role};
