-- Sign-in by identity, not by e-mail (docs/security.md, "Identity"). A person is bound to a portal user once, at
-- first sign-in, by the token's issuer and subject; the e-mail claim only finds the invited row for that first
-- binding (and only when the provider says it verified the address). Afterwards (iss, sub) alone identifies them:
-- another identity carrying the same e-mail is refused, and a changed e-mail at the provider moves nothing.
-- Rows bound before this migration have a subject and no issuer: the hub accepted one issuer only, so the next
-- sign-in with the same subject records its issuer.
alter table portal_user add column issuer text;
create unique index portal_user_identity on portal_user (firm_id, issuer, subject) where subject is not null;

-- The person bound to (issuer, subject), across firms (the token names a person, not a tenant); identifying columns
-- only. issuer_recorded is false for a row bound before V18, whose issuer the next sign-in records.
create function mh_principal_by_identity(p_issuer text, p_subject text, p_firm uuid)
  returns table (user_id uuid, firm_id uuid, email text, kind text, firm_role text, status text, issuer_recorded boolean)
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select u.id, u.firm_id, u.email, u.kind, u.firm_role, u.status, u.issuer is not null from public.portal_user u
   where u.subject = p_subject and (u.issuer = p_issuer or u.issuer is null)
     and (p_firm is null or u.firm_id = p_firm)
$$;

-- The invited or known person with this e-mail, and whether an identity is already bound to them.
create function mh_principal_by_email(p_email text, p_firm uuid)
  returns table (user_id uuid, firm_id uuid, email text, kind text, firm_role text, status text, bound boolean)
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select u.id, u.firm_id, u.email, u.kind, u.firm_role, u.status, u.subject is not null from public.portal_user u
   where u.email = lower(p_email) and (p_firm is null or u.firm_id = p_firm)
$$;

-- First binding: records (issuer, subject) on an unbound, unrevoked user and activates an invited one. True when the
-- user is now bound to exactly this identity (idempotent for a concurrent first request of the same person); false
-- when another identity holds the row.
create function mh_bind_identity(p_user uuid, p_issuer text, p_subject text) returns boolean
  language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  with bound as (
    update public.portal_user
       set issuer = p_issuer, subject = p_subject, updated_at = now(),
           status = case when status = 'invited' then 'active' else status end
     where id = p_user and status <> 'revoked'
       and (subject is null or (subject = p_subject and (issuer is null or issuer = p_issuer)))
    returning 1)
  select exists (select 1 from bound)
$$;

-- The firms whose rows the master-key rotation visits (ids only; each firm's rows are then read inside its own scope).
create function mh_firm_ids() returns setof uuid
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select id from public.firm order by id
$$;

revoke execute on function mh_principal_by_identity(text, text, uuid), mh_principal_by_email(text, uuid),
  mh_bind_identity(uuid, text, text), mh_firm_ids() from public;
grant execute on function mh_principal_by_identity(text, text, uuid), mh_principal_by_email(text, uuid),
  mh_bind_identity(uuid, text, text), mh_firm_ids() to ${app_role};

-- V4's binding activated an invited user with whatever subject came first, verified or not; nothing calls it now.
revoke execute on function mh_mark_signed_in(uuid, text) from public, ${app_role};
