-- What each person wants to hear, and how (docs/conversation.md, "Notifications"). A person chooses per category:
-- immediate, a daily digest, a weekly digest, or off. Critical events (an approval or a signature requested, an
-- invoice overdue, a deadline) are immediate whatever the category says; that rule lives with the events, not here.
-- A person without a row for a category has the category's default.

create table notification_preference (
  firm_id     uuid not null references firm(id),
  user_id     uuid not null references portal_user(id),
  category    text not null check (category in ('messages', 'documents', 'invoices', 'matter_status', 'appointments',
                                                 'signatures', 'client_activity')),
  delivery    text not null check (delivery in ('immediate', 'daily', 'weekly', 'off')),
  updated_at  timestamptz not null default now(),
  primary key (user_id, category)
);

-- Digests go out in the person's own time zone (an IANA name; the API checks it). Nobody but the person sets it,
-- through one function: clients have no other write on portal_user.
alter table portal_user add column time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64);

create function mh_set_time_zone(p_zone text) returns boolean
  language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  with changed as (update portal_user set time_zone = p_zone
                    where id = mh_user() and firm_id = mh_firm() and status <> 'revoked' returning id)
  select exists (select 1 from changed)
$$;
revoke execute on function mh_set_time_zone(text) from public;
grant execute on function mh_set_time_zone(text) to ${app_role};

-- Whether notification e-mails may carry privileged content (message text, document names). Off by default: an
-- e-mail then says what kind of thing happened and links to it.
alter table firm add column email_privileged_content boolean not null default false;

alter table notification_preference enable row level security;
alter table notification_preference force row level security;
create policy tenant_isolation on notification_preference as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
-- A person reads and sets their own; the system reads everyone's (to fan out and build digests) and writes none.
create policy owner_self on notification_preference using (user_id = mh_user()) with check (user_id = mh_user());
create policy firm_side on notification_preference for select using (mh_actor() in ('system', 'ops'));

revoke truncate on notification_preference from ${app_role};

-- Notifications for clients as well as staff: each row says its category, tier and how it reaches its recipient
-- (immediate, or the daily or weekly digest; a category turned off makes no row). A recipient given by id keeps
-- it (V10's trigger resolved firm people by e-mail only).
alter table notification add column category text;
alter table notification add column tier text check (tier in ('critical', 'standard', 'informational'));
alter table notification add column delivery text check (delivery in ('immediate', 'daily', 'weekly'));
create unique index notification_once on notification (kind, subject_id, recipient_user_id)
  where category is not null;
create index notification_pending_idx on notification (delivery, created_at) where emailed_at is null and category is not null;

create or replace function mh_notification_recipient() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if new.recipient_email is not null or new.recipient_user_id is null then
    new.recipient_user_id := (select u.id from portal_user u
                               where u.firm_id = new.firm_id and u.kind = 'firm' and u.status <> 'revoked'
                                 and new.recipient_email is not null and lower(u.email) = lower(new.recipient_email)
                               order by u.created_at limit 1);
  end if;
  return new;
end $$;
revoke execute on function mh_notification_recipient() from public, ${app_role};

-- A person reads their own notifications.
create policy recipient_self on notification for select using (recipient_user_id = mh_user());

-- Which events have been fanned out into notifications: written in the same transaction as the notification rows,
-- so an event is fanned out once, whatever order events commit in and whatever crashes in between.
create table notification_fanout (
  firm_id       uuid not null references firm(id),
  subject_type  text not null,
  subject_id    uuid not null,
  recipients    integer not null,
  done_at       timestamptz not null default now(),
  primary key (subject_type, subject_id)
);
alter table notification_fanout enable row level security;
alter table notification_fanout force row level security;
create policy tenant_isolation on notification_fanout as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on notification_fanout for select using (mh_firm_side());
create policy system_side on notification_fanout using (mh_actor() = 'system') with check (mh_actor() = 'system');
revoke update, delete, truncate on notification_fanout from ${app_role};
