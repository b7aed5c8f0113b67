-- The matter conversation (docs/conversation.md): a matter has threads, a thread may be anchored to one document
-- (then it is that document's conversation), messages are never edited or deleted (a correction is a new message),
-- and each reader has an unread mark per thread.
--
-- Who sees a thread is decided here, not by a filter in the API: a client through the matter's `messages` scope
-- (org admins: every matter of their org; members: granted matters with that scope; finance users: none), and for a
-- thread anchored to a document only while that document is visible to the client; the firm's staff when they see
-- the matter (V15); system and ops firm-wide. A message is seen when its thread is.

create table thread (
  id               uuid primary key default gen_random_uuid(),
  firm_id          uuid not null references firm(id),
  matter_id        uuid not null references matter(id),
  document_id      uuid references document(id),
  subject          text not null check (length(btrim(subject)) between 1 and 200),
  created_by       uuid references portal_user(id),
  created_at       timestamptz not null default now(),
  last_message_at  timestamptz not null default now()
);
create index thread_matter_idx on thread (matter_id, last_message_at desc, id);
create unique index thread_document_idx on thread (document_id) where document_id is not null;

-- Where a message came from and who wrote it. A message from Clio or from e-mail carries the origin's own id (Clio's
-- message id, the mail's Message-ID): the unique index is what makes a retried or repeated delivery post once.
alter table message add column thread_id uuid references thread(id);
alter table message add column author_kind text not null default 'client'
  check (author_kind in ('client', 'staff', 'system'));
alter table message add column author_name text;
alter table message add column origin text not null default 'portal' check (origin in ('portal', 'clio', 'email'));
alter table message add column origin_id text;
alter table message add constraint message_body_length check (length(body) between 1 and 20000);
alter table message add constraint message_attachments_array check (jsonb_typeof(attachments) = 'array');
create unique index message_origin_idx on message (firm_id, origin, origin_id) where origin_id is not null;
create index message_thread_idx on message (thread_id, created_at, id);

-- Messages written before threads existed move into one thread of their matter.
alter table message no force row level security;
alter table thread no force row level security;
insert into thread (firm_id, matter_id, subject, created_at, last_message_at)
select firm_id, matter_id, 'Conversation', min(created_at), max(created_at) from message where thread_id is null
 group by firm_id, matter_id;
update message m set thread_id = t.id from thread t
 where m.thread_id is null and t.matter_id = m.matter_id and t.document_id is null and t.subject = 'Conversation';
alter table message alter column thread_id set not null;

-- A thread's document is a document of the thread's matter that the writer sees.
create function mh_thread_document() returns trigger language plpgsql as $$
begin
  if new.document_id is not null and not exists (select 1 from document d where d.id = new.document_id
                                                    and d.matter_id = new.matter_id and d.deleted_at is null) then
    raise exception 'document % is not a document of matter %', new.document_id, new.matter_id using errcode = '23503';
  end if;
  return new;
end $$;
create trigger thread_document before insert on thread for each row execute function mh_thread_document();

-- A message belongs to its thread's matter, whatever the writer said; a thread the writer cannot see is no thread.
-- A portal user's message carries the name the user had when writing it (readers may not see other users' rows);
-- a message from Clio or the firm's systems keeps the name it came with.
create function mh_message_thread() returns trigger language plpgsql as $$
begin
  select t.matter_id into new.matter_id from thread t where t.id = new.thread_id;
  if not found then
    raise exception 'thread % not found', new.thread_id using errcode = '23503';
  end if;
  if new.author_id is not null then
    select u.display_name into strict new.author_name from portal_user u where u.id = new.author_id;
  end if;
  return new;
end $$;
create trigger message_thread before insert on message for each row execute function mh_message_thread();

-- The thread's last activity follows its newest message; the writer may be a client, who cannot update threads.
create function mh_thread_touch() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  update thread set last_message_at = greatest(last_message_at, new.created_at) where id = new.thread_id;
  return null;
end $$;
create trigger message_touch after insert on message for each row execute function mh_thread_touch();

-- The record is the record: no message is edited or deleted, by anyone the application connects as.
create function mh_message_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'messages are never edited or deleted; a correction is a new message' using errcode = '42501';
end $$;
create trigger message_immutable before update or delete on message for each row execute function mh_message_immutable();

create table thread_read (
  firm_id    uuid not null references firm(id),
  thread_id  uuid not null references thread(id),
  user_id    uuid not null references portal_user(id),
  read_at    timestamptz not null,
  primary key (thread_id, user_id)
);

alter table thread enable row level security;
alter table thread force row level security;
alter table message force row level security;
alter table thread_read enable row level security;
alter table thread_read force row level security;
create policy tenant_isolation on thread as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy tenant_isolation on thread_read as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm());

-- May the calling client see threads of this matter, anchored to this document (null: to none)? The document's own
-- policy decides through the sub-select (SECURITY INVOKER on purpose).
create function mh_client_thread(p_matter uuid, p_document uuid) returns boolean language sql stable as $$
  select mh_actor() = 'client' and mh_client_matter_section(p_matter, 'messages')
     and (p_document is null or exists (select 1 from document d where d.id = p_document and d.deleted_at is null))
$$;

create policy firm_side on thread using (mh_firm_sees_matter_id(matter_id)) with check (mh_firm_sees_matter_id(matter_id));
create policy client_read on thread for select using (mh_client_thread(matter_id, document_id));
create policy client_start on thread for insert
  with check (created_by = mh_user() and mh_client_thread(matter_id, document_id));

drop policy client_read on message;
create policy client_read on message for select
  using (mh_actor() = 'client' and exists (select 1 from thread t where t.id = thread_id));
create policy client_post on message for insert
  with check (mh_actor() = 'client' and author_id = mh_user() and author_kind = 'client'
              and origin in ('portal', 'email') and exists (select 1 from thread t where t.id = thread_id));

-- A reader's own marks, on threads the reader sees.
create policy reader_self on thread_read
  using (user_id = mh_user() and exists (select 1 from thread t where t.id = thread_id))
  with check (user_id = mh_user() and exists (select 1 from thread t where t.id = thread_id));
-- The firm sees who has read its threads (staff on the matter, system and ops); it marks only its own reading.
create policy firm_side on thread_read for select using (mh_firm_side() and exists (select 1 from thread t where t.id = thread_id));
create policy system_side on thread_read using (mh_actor() = 'system') with check (mh_actor() = 'system');

-- A client's outbox row of one more kind than V16's: the client's own message, mirrored to the matter's
-- practice-management system. A policy of its own (policies for one command are OR-ed), with V16's conditions on a
-- fresh row.
create policy client_mirror on outbox for insert with check (
  mh_actor() = 'client'
  and status = 'pending' and attempts = 0 and last_error is null and delivered_at is null
  and next_attempt_at <= now() and left(idempotency_key, length(kind) + 1) = kind || ':'
  and kind = 'message.mirror' and aggregate_type = 'message' and payload ->> 'messageId' = aggregate_id::text
  and exists (select 1 from message m
               where m.id = aggregate_id and m.author_id = mh_user() and m.origin in ('portal', 'email')
                 and connection_id = (select mt.source_connection_id from matter mt where mt.id = m.matter_id)));

-- Trigger functions run for the table's writer, never called: nobody but the owner executes them (V16).
revoke execute on function mh_message_thread() from public, ${app_role};
revoke execute on function mh_thread_document() from public, ${app_role};
revoke execute on function mh_thread_touch() from public, ${app_role};
revoke execute on function mh_message_immutable() from public, ${app_role};
revoke update, delete, truncate on thread from ${app_role};
revoke update, delete, truncate on message from ${app_role};
revoke delete, truncate on thread_read from ${app_role};
