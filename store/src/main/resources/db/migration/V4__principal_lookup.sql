-- Sign-in: a validated token names a person by e-mail, not a tenant. These SECURITY DEFINER functions
-- resolve that person across firms and return identifying columns only.
create function mh_principal(p_email text, p_firm uuid)
  returns table (user_id uuid, firm_id uuid, email text, kind text, firm_role text, status text)
  language sql stable security definer set search_path = pg_catalog, public as $$
  select u.id, u.firm_id, u.email, u.kind, u.firm_role, u.status from portal_user u
   where u.email = lower(p_email) and (p_firm is null or u.firm_id = p_firm)
$$;

create function mh_mark_signed_in(p_user uuid, p_subject text) returns void
  language sql volatile security definer set search_path = pg_catalog, public as $$
  update portal_user set status = 'active', subject = coalesce(subject, p_subject), updated_at = now()
   where id = p_user and status = 'invited'
$$;

grant execute on function mh_principal(text, uuid), mh_mark_signed_in(uuid, text) to ${app_role};
