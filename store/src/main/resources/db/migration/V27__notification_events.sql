-- Events people hear about, besides new messages (docs/conversation.md, "Notifications and their e-mail"). An event is
-- a row in notification_event, written in the transaction of the change that caused it: by the triggers below when a
-- document version is published, an invoice issued, a matter's status changed or a client acts on a document or
-- uploads one; by the invoice reminder job when an invoice falls due or overdue; and by any future capability
-- (appointment reminders, signature requests) with one insert in the system's scope. The fan-out reads the events
-- and turns each into notifications once (notification_fanout, V23), deciding who may see its subject by row-level
-- security in each person's own scope. An event names no recipient: who hears of it is decided there, not here.

create table notification_event (
  id            uuid primary key default gen_random_uuid(),
  firm_id       uuid not null references firm(id),
  kind          text not null,
  subject_type  text not null check (subject_type in ('document', 'invoice', 'matter', 'appointment', 'signature_request')),
  subject_id    uuid not null,
  -- What makes this event one of a kind for its subject: the published version, '' for an invoice's thresholds
  -- (each once per invoice), a fresh value for a matter's status change. Repeated raising of one occurrence is a no-op.
  occurrence    text not null,
  matter_id     uuid references matter(id),
  actor_user_id uuid references portal_user(id),
  title         text not null check (length(title) between 1 and 500),   -- privileged: names what happened
  created_at    timestamptz not null default now(),
  unique (firm_id, kind, subject_id, occurrence)
);
create index notification_event_recent_idx on notification_event (firm_id, created_at);

alter table notification_event enable row level security;
alter table notification_event force row level security;
create policy tenant_isolation on notification_event as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on notification_event for select using (mh_firm_side());
-- The system raises events (jobs, syncs, hooks); the triggers below raise them for whoever made the change, running
-- as the owner. Nobody the application connects as edits or removes one.
create policy raised on notification_event for insert
  with check (mh_actor() = 'system' or current_user <> '${app_role}');
revoke update, delete, truncate on notification_event from ${app_role};

create function mh_raise_event(p_firm uuid, p_kind text, p_type text, p_subject uuid, p_occurrence text, p_matter uuid,
                               p_actor uuid, p_title text) returns void
  language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  insert into notification_event (firm_id, kind, subject_type, subject_id, occurrence, matter_id, actor_user_id, title)
  values (p_firm, p_kind, p_type, p_subject, p_occurrence, p_matter, p_actor, left(p_title, 500))
  on conflict do nothing
$$;
revoke execute on function mh_raise_event(uuid, text, text, uuid, text, uuid, uuid, text) from public, ${app_role};

-- ---------------------------------------------------------------- documents
-- A version made visible to clients (published by staff, or by the sync on an auto-publishing matter). The first
-- published version of a document is its publication; a later one replaces what the client had; one that follows the
-- client's own change request awaits their approval. A client's upload (its one version is published as it is
-- stored, V10) is the client's activity, which the firm's people on the matter hear about, not news for the clients.
create function mh_document_version_event() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  d record;
  v_kind text;
begin
  if tg_op = 'UPDATE' and old.published then
    return null;
  end if;
  select doc.id, doc.matter_id, doc.title, doc.uploaded_by into d from document doc where doc.id = new.document_id;
  if not found then
    return null;
  elsif d.uploaded_by is not null then
    perform mh_raise_event(new.firm_id, 'client.activity', 'document', d.id, 'upload', d.matter_id, d.uploaded_by,
        'Client uploaded “' || d.title || '”');
    return null;
  end if;
  if (select a.action from document_action a where a.document_id = new.document_id
       order by a.created_at desc, a.id desc limit 1) = 'request_changes' then
    v_kind := 'document.approval_requested';
  elsif exists (select 1 from document_version o where o.document_id = new.document_id and o.id <> new.id and o.published) then
    v_kind := 'document.version_replaced';
  else
    v_kind := 'document.published';
  end if;
  perform mh_raise_event(new.firm_id, v_kind, 'document', new.document_id, new.id::text, d.matter_id, null,
      case v_kind when 'document.approval_requested' then 'Your approval is requested: “' || d.title || '”'
                  when 'document.version_replaced' then 'New version of “' || d.title || '”'
                  else 'Document published: “' || d.title || '”' end);
  return null;
end $$;
create trigger document_version_event after insert or update of published on document_version
  for each row when (new.published) execute function mh_document_version_event();

-- A client's answer on a document is activity the firm's people on the matter hear about.
create function mh_document_action_event() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  d record;
begin
  select doc.matter_id, doc.title into d from document doc where doc.id = new.document_id;
  perform mh_raise_event(new.firm_id, 'client.activity', 'document', new.document_id, new.id::text, d.matter_id,
      new.user_id, case new.action when 'approve' then 'Client approved “' || d.title || '”'
                                   when 'request_changes' then 'Client requested changes to “' || d.title || '”'
                                   else 'Client closed “' || d.title || '”' end);
  return null;
end $$;
create trigger document_action_event after insert on document_action
  for each row when (new.user_id is not null) execute function mh_document_action_event();

-- ---------------------------------------------------------------- invoices
-- An invoice the client owes arrives (or a draft is authorised). One that was issued long before the accounting
-- system was connected is history, not news: only invoices issued in the last fortnight are announced.
create function mh_invoice_issued_event() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if new.status not in ('open', 'partially_paid') or coalesce(new.issued_on, current_date) < current_date - 14
     or (tg_op = 'UPDATE' and old.status <> 'draft') then
    return null;
  end if;
  perform mh_raise_event(new.firm_id, 'invoice.issued', 'invoice', new.id, '', new.matter_id, null,
      'Invoice ' || coalesce(new.number, '') || ' issued');
  return null;
end $$;
create trigger invoice_issued_event after insert or update of status on invoice
  for each row execute function mh_invoice_issued_event();

-- ---------------------------------------------------------------- matters
-- A status change (from the practice system, the owner of the field). A matter's first arrival is not a change.
create function mh_matter_status_event() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform mh_raise_event(new.firm_id, 'matter.status_changed', 'matter', new.id, gen_random_uuid()::text, new.id, null,
      'Matter ' || new.display_number || ' is now ' || new.status);
  return null;
end $$;
create trigger matter_status_event after update of status on matter
  for each row when (new.status is distinct from old.status and new.deleted_at is null)
  execute function mh_matter_status_event();

revoke execute on function mh_document_version_event() from public, ${app_role};
revoke execute on function mh_document_action_event() from public, ${app_role};
revoke execute on function mh_invoice_issued_event() from public, ${app_role};
revoke execute on function mh_matter_status_event() from public, ${app_role};
