-- Firm roles (DESIGN §3): partners and firm admins see every matter of the firm; staff see the matters they
-- are responsible for. Ops and the sync engine keep firm-wide access.
create function mh_firm_sees_matter(p_attorney_email text) returns boolean language sql stable as $$
  select case mh_actor()
           when 'system' then true
           when 'ops' then true
           when 'staff' then exists (select 1 from portal_user u
                                      where u.id = mh_user() and u.status <> 'revoked'
                                        and (u.firm_role in ('partner', 'firm_admin')
                                             or lower(u.email) = lower(p_attorney_email)))
           else false end
$$;

drop policy firm_side on matter;
create policy firm_side on matter using (mh_firm_sees_matter(responsible_attorney_email))
  with check (mh_firm_side());

grant execute on function mh_firm_sees_matter(text) to ${app_role};
