-- Row-level security edges (see docs/security.md, "Row-level security").
--  1. A client's contact update: only the caller's own, live contact, and only its e-mail, phone and address.
--  2. A client's outbox and audit rows: only the kinds the portal writes for a client, about the client's own
--     contact or documents, on a connection of the firm, attributed to the caller.
--  3. SECURITY DEFINER functions: search_path pinned with pg_temp last; EXECUTE revoked from PUBLIC on every mh_*
--     function and granted to the application role only where it calls the function (not for trigger functions).
--  4. The application role may not create temporary tables (nothing in a session may shadow a table).

-- ---------------------------------------------------------------- 1. contact
-- The contact of the calling client user (null for anyone else, or a revoked user).
create function mh_client_contact() returns uuid language sql stable as $$
  select u.contact_id from portal_user u
   where u.id = mh_user() and u.status <> 'revoked' and mh_actor() = 'client'
$$;

drop policy client_self_read on contact;
create policy client_self_read on contact for select using (mh_actor() = 'client' and id = mh_client_contact());
drop policy client_self_update on contact;
create policy client_self_update on contact for update
  using (mh_actor() = 'client' and deleted_at is null and id = mh_client_contact())
  with check (mh_actor() = 'client' and deleted_at is null and id = mh_client_contact());

-- WITH CHECK cannot compare with the old row: a trigger keeps every column but the correctable ones, including
-- columns later migrations add (the organisation, the system of record, deletion, the firm, the id).
create function mh_contact_client_guard() returns trigger language plpgsql as $$
begin
  if mh_actor() <> 'client' then
    return new;
  end if;
  if (to_jsonb(new) - 'email' - 'phone' - 'address' - 'updated_at')
       is distinct from (to_jsonb(old) - 'email' - 'phone' - 'address' - 'updated_at') then
    raise exception 'a client may change only the e-mail, phone and address of its own contact' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger contact_client_guard before update on contact for each row execute function mh_contact_client_guard();

-- ---------------------------------------------------------------- 2. outbox and audit
-- What a client's own transaction queues: a correction of its own contact to that contact's system of record, an
-- answer about a document it sees to the document's DMS or the matter's practice-management system, or its own
-- upload to a DMS connection of the firm. Always a fresh, pending row whose payload names the same subject and user.
drop policy client_append on outbox;
create policy client_append on outbox for insert with check (
  mh_actor() = 'client'
  and status = 'pending' and attempts = 0 and last_error is null and delivered_at is null
  and next_attempt_at <= now()
  and left(idempotency_key, length(kind) + 1) = kind || ':'
  and ((kind = 'contact.correction' and aggregate_type = 'contact' and aggregate_id = mh_client_contact()
        and payload ->> 'contactId' = aggregate_id::text
        and connection_id = (select c.source_connection_id from contact c where c.id = aggregate_id))
    or (kind = 'document.action' and aggregate_type = 'document'
        and payload ->> 'documentId' = aggregate_id::text and payload ->> 'userId' = mh_user()::text
        and exists (select 1 from document d
                     where d.id = aggregate_id and d.deleted_at is null and mh_client_visible_state(d.state)
                       and mh_client_matter_section(d.matter_id, 'documents')
                       and (connection_id = d.source_connection_id
                            or connection_id = (select m.source_connection_id from matter m where m.id = d.matter_id))))
    or (kind = 'document.upload' and aggregate_type = 'document'
        and payload ->> 'documentId' = aggregate_id::text and payload ->> 'uploadedBy' = mh_user()::text
        and mh_connection_firm(connection_id) = mh_firm()
        and exists (select 1 from document d
                     where d.id = aggregate_id and d.uploaded_by = mh_user() and d.source_system = 'portal'
                       and d.deleted_at is null and mh_client_matter_section(d.matter_id, 'documents')))));

-- A client's audit event is the caller's own, as a client, now (the chain trigger sets the hashes).
drop policy client_append on audit_event;
create policy client_append on audit_event for insert with check (
  mh_actor() = 'client' and actor_kind = 'client' and actor_user_id = mh_user() and occurred_at = now());

-- ---------------------------------------------------------------- 3. functions
do $$
declare f record;
begin
  for f in select p.oid::regprocedure as sig, p.prosecdef, p.prorettype = 'trigger'::regtype as is_trigger
             from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = current_schema() and p.proname like 'mh\_%' and p.prokind = 'f'
  loop
    if f.prosecdef then
      execute format('alter function %s set search_path = pg_catalog, public, pg_temp', f.sig);
    end if;
    execute format('revoke execute on function %s from public', f.sig);
    if f.is_trigger then
      execute format('revoke execute on function %s from %I', f.sig, '${app_role}');
    else
      execute format('grant execute on function %s to %I', f.sig, '${app_role}');
    end if;
  end loop;
end $$;

-- Functions later migrations create (by this owner) are not executable by PUBLIC; the application role may call
-- them, as every policy function must be callable by the role the policy applies to.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public grant execute on functions to ${app_role};

-- ---------------------------------------------------------------- 4. temporary tables
-- TEMP is PUBLIC's by default: revoke it there and from the application role (the owner keeps its own).
do $$
begin
  execute format('revoke temporary on database %I from public', current_database());
  execute format('revoke temporary on database %I from %I', current_database(), '${app_role}');
end $$;
