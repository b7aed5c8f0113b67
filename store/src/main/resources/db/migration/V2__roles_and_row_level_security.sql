-- Row-level security (DESIGN §5). Settings are bound per transaction by the application
-- (set_config(..., true)), never per session, so nothing survives a pooled connection's reuse.
--   matterhub.firm_id  the tenant firm             matterhub.user_id  the portal user (clients and staff)
--   matterhub.actor    client | staff | ops | system
-- Every tenant table: a RESTRICTIVE firm policy (nothing crosses firms, whatever else a policy allows)
-- plus PERMISSIVE policies per actor. With no settings bound, every tenant table reads as empty.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = '${app_role}') then
    execute format('create role %I login nosuperuser nobypassrls nocreatedb nocreaterole', '${app_role}');
  end if;
end $$;

create function mh_firm() returns uuid language sql stable as
$$ select nullif(current_setting('matterhub.firm_id', true), '')::uuid $$;
create function mh_user() returns uuid language sql stable as
$$ select nullif(current_setting('matterhub.user_id', true), '')::uuid $$;
create function mh_actor() returns text language sql stable as
$$ select coalesce(nullif(current_setting('matterhub.actor', true), ''), 'none') $$;
create function mh_firm_side() returns boolean language sql stable as
$$ select mh_actor() in ('staff', 'ops', 'system') $$;

-- The caller's active role in a client org (null when none, or when the user is revoked).
create function mh_org_role(p_org uuid) returns text language sql stable as $$
  select m.role
    from membership m join portal_user u on u.id = m.user_id
   where m.user_id = mh_user() and m.client_org_id = p_org and m.revoked_at is null
     and u.status <> 'revoked' and mh_actor() = 'client'
$$;

-- May the calling client see this matter (and, when p_scope is given, that section of it)?
-- Org admins see every matter of their org; members only granted matters (and granted scopes);
-- finance users see no matter at all (invoices have their own rule).
create function mh_client_matter(p_matter uuid, p_org uuid, p_scope text) returns boolean language sql stable as $$
  select case mh_org_role(p_org)
           when 'org_admin' then true
           when 'member' then exists (select 1 from matter_grant g
                                       where g.user_id = mh_user() and g.matter_id = p_matter and g.revoked_at is null
                                         and (p_scope is null or p_scope = any (g.scopes)))
           else false end
$$;

create function mh_client_matter_section(p_matter uuid, p_scope text) returns boolean language sql stable as $$
  select exists (select 1 from matter mt where mt.id = p_matter and mh_client_matter(mt.id, mt.client_org_id, p_scope))
$$;

create function mh_client_invoice(p_org uuid, p_matter uuid) returns boolean language sql stable as $$
  select coalesce(mh_org_role(p_org) in ('org_admin', 'finance'), false)
      or (p_matter is not null and mh_org_role(p_org) = 'member' and mh_client_matter(p_matter, p_org, 'invoices'))
$$;

-- Firm isolation and firm-side access on every tenant table.
do $$
declare t text;
begin
  for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = current_schema() and c.relkind = 'r'
              and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'firm_id' and not a.attisdropped)
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm())', t);
    execute format('create policy firm_side on %I using (mh_firm_side()) with check (mh_firm_side())', t);
  end loop;
end $$;

-- What a client user may see and do.
create policy client_read on firm for select using (mh_actor() = 'client');
create policy client_read on client_org for select using (mh_org_role(id) is not null);
create policy client_self on portal_user for select using (mh_actor() = 'client' and id = mh_user());
create policy client_self on membership for select using (mh_actor() = 'client' and user_id = mh_user());
create policy client_self on matter_grant for select using (mh_actor() = 'client' and user_id = mh_user());
create policy client_self_read on contact for select
  using (mh_actor() = 'client' and id = (select u.contact_id from portal_user u where u.id = mh_user() and u.status <> 'revoked'));
create policy client_self_update on contact for update
  using (mh_actor() = 'client' and id = (select u.contact_id from portal_user u where u.id = mh_user() and u.status <> 'revoked'))
  with check (mh_actor() = 'client');
create policy client_read on matter for select using (mh_client_matter(id, client_org_id, null));
create policy client_read on matter_milestone for select using (client_visible and mh_client_matter_section(matter_id, null));
create policy client_read on document for select
  using (state in ('published', 'client_approved', 'changes_requested', 'closed') and mh_client_matter_section(matter_id, 'documents'));
create policy client_read on document_version for select
  using (published and exists (select 1 from document d where d.id = document_id));
create policy client_read on document_action for select
  using (exists (select 1 from document d where d.id = document_id));
create policy client_read on message for select using (mh_client_matter_section(matter_id, 'messages'));
create policy client_read on appointment for select using (mh_client_matter_section(matter_id, 'appointments'));
create policy client_read on signature_request for select using (mh_client_matter_section(matter_id, 'signatures'));
create policy client_read on invoice for select using (mh_client_invoice(client_org_id, matter_id));
create policy client_read on invoice_line for select using (exists (select 1 from invoice i where i.id = invoice_id));
create policy client_read on payment for select using (exists (select 1 from invoice i where i.id = invoice_id));
-- A client's own action leaves an outbox row and an audit event in the same transaction; it can read neither.
create policy client_append on outbox for insert with check (mh_actor() = 'client');
create policy client_append on audit_event for insert with check (mh_actor() = 'client');

-- Cross-firm entry points for the engine. SECURITY DEFINER, owned by the migration owner, returning ids only:
-- the engine then binds that firm for the transaction that does the work.
create function mh_connection_firm(p_connection uuid) returns uuid
  language sql stable security definer set search_path = pg_catalog, public as
$$ select firm_id from connection where id = p_connection $$;

create function mh_connections(p_vendor text) returns table (connection_id uuid, firm_id uuid, status text)
  language sql stable security definer set search_path = pg_catalog, public as
$$ select id, firm_id, status from connection where vendor = p_vendor order by created_at $$;

create function mh_due_work(p_kind text, p_limit integer) returns table (id bigint, firm_id uuid)
  language plpgsql volatile security definer set search_path = pg_catalog, public as $$
begin
  if p_kind = 'outbox' then
    return query select o.id, o.firm_id from outbox o
                  where o.status = 'pending' and o.next_attempt_at <= now()
                  order by o.id limit p_limit for update skip locked;
  elsif p_kind = 'inbox' then
    return query select i.id, i.firm_id from inbox i
                  where i.status = 'pending' and i.next_attempt_at <= now()
                  order by i.id limit p_limit for update skip locked;
  else
    raise exception 'unknown work kind %', p_kind;
  end if;
end $$;

-- audit_event is append-only and hash-chained per firm.
create function mh_audit_chain() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public as $$
declare prev text;
begin
  perform pg_advisory_xact_lock(hashtext('audit:' || new.firm_id::text));
  select a.hash into prev from audit_event a where a.firm_id = new.firm_id order by a.id desc limit 1;
  new.occurred_at := coalesce(new.occurred_at, now());
  new.prev_hash := prev;
  new.hash := encode(digest(coalesce(prev, '') || '|' || new.firm_id::text || '|' || new.occurred_at::text || '|' ||
                 coalesce(new.actor_user_id::text, '') || '|' || new.actor_kind || '|' || new.action || '|' ||
                 new.subject_type || '|' || coalesce(new.subject_id, '') || '|' || new.details::text, 'sha256'), 'hex');
  return new;
end $$;
create trigger audit_event_chain before insert on audit_event for each row execute function mh_audit_chain();

create function mh_audit_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_immutable before update or delete on audit_event for each row execute function mh_audit_immutable();

-- Privileges of the application role: data, never ownership.
grant usage on schema public to ${app_role};
grant select, insert, update, delete on all tables in schema public to ${app_role};
revoke update, delete, truncate on audit_event from ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
grant execute on all functions in schema public to ${app_role};
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema public grant usage, select on sequences to ${app_role};
