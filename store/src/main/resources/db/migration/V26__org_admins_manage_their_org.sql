-- Org admins manage their own organisation (docs/organisations.md): list its people, invite, remove, grant and revoke
-- matters of the org. A client has no write on portal_user, membership or matter_grant, and sees only its own rows
-- there (V2); so every org-admin operation is a SECURITY DEFINER function that starts from the caller's own active
-- org_admin memberships and touches nothing outside those orgs, whatever ids the application passes. An id of
-- another org answers exactly as an id that never existed (no row, or 'not_found').

-- The name the organisation gave a person when it invited them (null: the person's own name, e.g. invited by the firm),
-- and who invited them. A person's view inside an organisation is its membership, never the person's other orgs.
alter table membership add column display_name text check (length(display_name) between 1 and 200);
alter table membership add column invited_by uuid references portal_user(id);

-- An invitation e-mail is queued in the outbox like any delivery; it goes to a mail server, not a vendor connection.
alter table outbox alter column connection_id drop not null;

-- The client orgs the calling client administers (its own active org_admin memberships, while it is not revoked).
create function mh_org_admin_orgs() returns setof uuid
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select m.client_org_id from public.membership m join public.portal_user u on u.id = m.user_id
   where mh_actor() = 'client' and m.user_id = mh_user() and m.firm_id = mh_firm() and u.firm_id = mh_firm()
     and m.role = 'org_admin' and m.revoked_at is null and u.status <> 'revoked'
$$;

-- The people of those orgs: one row per active membership; person_id is the membership's id.
create function mh_org_people() returns table (person_id uuid, client_org_id uuid, client_org_name text, email text,
                                                display_name text, role text, joined_at timestamptz)
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select m.id, m.client_org_id, o.name, u.email, coalesce(m.display_name, u.display_name), m.role, m.created_at
    from public.membership m
    join public.portal_user u on u.id = m.user_id and u.firm_id = m.firm_id
    join public.client_org o on o.id = m.client_org_id and o.firm_id = m.firm_id
   where m.firm_id = mh_firm() and m.revoked_at is null and m.client_org_id in (select mh_org_admin_orgs())
   order by o.name, lower(coalesce(m.display_name, u.display_name)), m.id
$$;

-- Active grants of those people on matters of their own org.
create function mh_org_grants() returns table (person_id uuid, matter_id uuid, scopes text[])
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select m.id, g.matter_id, g.scopes
    from public.membership m
    join public.matter_grant g on g.user_id = m.user_id and g.firm_id = m.firm_id and g.revoked_at is null
    join public.matter mt on mt.id = g.matter_id and mt.firm_id = m.firm_id and mt.client_org_id = m.client_org_id
   where m.firm_id = mh_firm() and m.revoked_at is null and m.client_org_id in (select mh_org_admin_orgs())
   order by m.id, mt.display_number, g.matter_id
$$;

-- Invites p_email into p_org (one the caller administers) with a role.
--   invited   a membership was made (a new person, or one the portal knows through another org) and an
--             invitation e-mail queued; person_id is the membership
--   member    the address is already a person of this org
--   withheld  the address belongs to firm staff or a revoked person: nothing is made or sent; person_id is random,
--             so that the answer has the shape of 'invited' (the caller must not learn who the portal knows)
--   no row    p_org is not one the caller administers
create function mh_org_invite(p_org uuid, p_email text, p_name text, p_role text)
  returns table (person_id uuid, outcome text)
  language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user public.portal_user%rowtype;
  v_member public.membership%rowtype;
  v_id uuid;
begin
  if p_org is null or p_org not in (select mh_org_admin_orgs()) then
    return;
  end if;
  if p_role not in ('org_admin', 'member', 'finance') then
    raise exception 'unknown client role %', p_role using errcode = '22023';
  end if;
  select * into v_user from public.portal_user where firm_id = mh_firm() and email = lower(p_email) for update;
  if found and (v_user.kind <> 'client' or v_user.status = 'revoked') then
    return query select gen_random_uuid(), 'withheld'::text;
    return;
  end if;
  if not found then
    insert into public.portal_user (firm_id, email, display_name, kind, status)
    values (mh_firm(), lower(p_email), p_name, 'client', 'invited') returning * into v_user;
  end if;
  select * into v_member from public.membership where user_id = v_user.id and client_org_id = p_org for update;
  if found and v_member.revoked_at is null then
    return query select v_member.id, 'member'::text;
    return;
  end if;
  insert into public.membership (firm_id, user_id, client_org_id, role, display_name, invited_by)
  values (mh_firm(), v_user.id, p_org, p_role, p_name, mh_user())
  on conflict (user_id, client_org_id) do update
     set role = excluded.role, display_name = excluded.display_name, invited_by = excluded.invited_by,
         revoked_at = null, created_at = now()
  returning id into v_id;
  insert into public.outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, idempotency_key)
  values (mh_firm(), null, 'invitation.mail', 'portal_user', v_user.id,
          jsonb_build_object('userId', v_user.id, 'clientOrgId', p_org, 'invitedBy', mh_user()),
          'invitation.mail:' || gen_random_uuid());
  return query select v_id, 'invited'::text;
end $$;

-- Removes a person (membership) from an org the caller administers, with their grants on that org's matters.
-- 'removed', 'last_admin' (the org would have no active org admin left) or 'not_found'.
create function mh_org_remove(p_person uuid) returns text
  language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_member public.membership%rowtype;
  v_admins integer;
begin
  select * into v_member from public.membership
   where id = p_person and firm_id = mh_firm() and revoked_at is null and client_org_id in (select mh_org_admin_orgs());
  if not found then
    return 'not_found';
  end if;
  -- Two admins removing each other at once: the org's admin memberships are locked in one order, then counted.
  perform 1 from public.membership where client_org_id = v_member.client_org_id and role = 'org_admin'
     and revoked_at is null order by id for update;
  if v_member.role = 'org_admin' then
    select count(*) into v_admins from public.membership m join public.portal_user u on u.id = m.user_id
     where m.client_org_id = v_member.client_org_id and m.role = 'org_admin' and m.revoked_at is null
       and u.status <> 'revoked';
    if v_admins <= 1 then
      return 'last_admin';
    end if;
  end if;
  update public.membership set revoked_at = now() where id = v_member.id;
  update public.matter_grant g set revoked_at = now()
    from public.matter mt
   where g.user_id = v_member.user_id and g.revoked_at is null and mt.id = g.matter_id
     and mt.firm_id = v_member.firm_id and mt.client_org_id = v_member.client_org_id;
  return 'removed';
end $$;

-- Grants (or replaces the scopes of) a matter of the person's org to a member of an org the caller administers.
-- 'granted', 'not_found' (person or matter: the same answer), or 'not_member' (org admins see every matter of the
-- org already, finance users none: only members take grants).
create function mh_org_grant(p_person uuid, p_matter uuid, p_scopes text[]) returns text
  language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_member public.membership%rowtype;
begin
  if p_scopes is null or cardinality(p_scopes) = 0
     or not p_scopes <@ array['documents', 'invoices', 'messages', 'appointments', 'signatures'] then
    raise exception 'scopes must be a non-empty subset of the matter scopes' using errcode = '22023';
  end if;
  select * into v_member from public.membership
   where id = p_person and firm_id = mh_firm() and revoked_at is null and client_org_id in (select mh_org_admin_orgs());
  if not found or not exists (select 1 from public.matter mt where mt.id = p_matter and mt.firm_id = mh_firm()
                                 and mt.client_org_id = v_member.client_org_id and mt.deleted_at is null) then
    return 'not_found';
  end if;
  if v_member.role <> 'member' then
    return 'not_member';
  end if;
  insert into public.matter_grant (firm_id, user_id, matter_id, scopes)
  values (mh_firm(), v_member.user_id, p_matter, (select array_agg(distinct s order by s) from unnest(p_scopes) s))
  on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null;
  return 'granted';
end $$;

-- Revokes the person's active grant of the matter; false when there is none the caller may touch.
create function mh_org_revoke_grant(p_person uuid, p_matter uuid) returns boolean
  language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  with revoked as (
    update public.matter_grant g set revoked_at = now()
      from public.membership m, public.matter mt
     where m.id = p_person and m.firm_id = mh_firm() and m.revoked_at is null
       and m.client_org_id in (select mh_org_admin_orgs())
       and g.user_id = m.user_id and g.matter_id = p_matter and g.revoked_at is null and g.firm_id = m.firm_id
       and mt.id = g.matter_id and mt.firm_id = m.firm_id and mt.client_org_id = m.client_org_id
    returning 1)
  select exists (select 1 from revoked)
$$;

revoke execute on function mh_org_admin_orgs(), mh_org_people(), mh_org_grants(), mh_org_invite(uuid, text, text, text),
  mh_org_remove(uuid), mh_org_grant(uuid, uuid, text[]), mh_org_revoke_grant(uuid, uuid) from public;
grant execute on function mh_org_admin_orgs(), mh_org_people(), mh_org_grants(), mh_org_invite(uuid, text, text, text),
  mh_org_remove(uuid), mh_org_grant(uuid, uuid, text[]), mh_org_revoke_grant(uuid, uuid) to ${app_role};

-- The drains take rows of active connections (V6), and rows that name no connection (invitation e-mails). One query
-- serves both queues; the kind names the table, from a fixed list.
create or replace function mh_due_work(p_kind text, p_limit integer) returns table (id bigint, firm_id uuid)
  language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if p_kind is null or p_kind not in ('outbox', 'inbox') then
    raise exception 'unknown work kind %', p_kind;
  end if;
  return query execute format(
    'select q.id, q.firm_id from public.%I q left join public.connection c on c.id = q.connection_id
      where q.status = ''pending'' and q.next_attempt_at <= now() and (q.connection_id is null or c.status = ''active'')
      order by q.id limit $1 for update of q skip locked', p_kind) using p_limit;
end $$;
