-- "Staff see only their assigned matters" (V5) holds for every row that belongs to a matter, not for the matter and
-- its documents alone. Before this migration the firm-side policies of invoices, their lines and payments, payment
-- postings, matter grants, time entries, milestones, messages, appointments and signature requests were firm-wide, so
-- a fee earner walled off a matter could list its invoices, post a payment against one to the accounting system, or
-- revoke a client's grant of it. Each of those rows is now seen and written on the firm's side exactly when its
-- matter is.
--
-- A row tied to no matter (an invoice the firm's rule could not resolve, a payment of no invoice, a message or an
-- appointment of no matter) is seen by partners and firm admins only, as a document of no matter is (V8): the firm
-- has no finance role of its own, and the people who triage unresolved billing are its partners and firm admins.
-- System and ops keep firm-wide access.

-- Firm side: may the caller see rows of this matter (null: of no matter)? The matter's own policy (V5) decides, by a
-- sub-select that row-level security applies to; this function is SECURITY INVOKER on purpose.
create function mh_firm_sees_matter_id(p_matter uuid) returns boolean language sql stable as $$
  select case mh_actor()
           when 'system' then true
           when 'ops' then true
           when 'staff' then case when p_matter is null
                                  then exists (select 1 from portal_user u where u.id = mh_user() and u.status <> 'revoked'
                                                  and u.firm_role in ('partner', 'firm_admin'))
                                  else exists (select 1 from matter m where m.id = p_matter) end
           else false end
$$;

-- Rows keyed by their matter.
do $$
declare t text;
begin
  foreach t in array array['invoice', 'matter_grant', 'time_entry', 'matter_milestone', 'message', 'appointment',
                           'signature_request'] loop
    execute format('drop policy firm_side on %I', t);
    execute format('create policy firm_side on %I using (mh_firm_sees_matter_id(matter_id)) '
                   'with check (mh_firm_sees_matter_id(matter_id))', t);
  end loop;
end $$;

-- Rows keyed by their invoice: seen when the invoice is (the sub-select applies the invoice's policy above).
drop policy firm_side on invoice_line;
create policy firm_side on invoice_line
  using (mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id))
  with check (mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id));

drop policy firm_side on payment_posting;
create policy firm_side on payment_posting
  using (mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id))
  with check (mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id));

-- A payment the accounting system applied to no invoice of ours is a row of no matter.
drop policy firm_side on payment;
create policy firm_side on payment
  using (case when invoice_id is null then mh_firm_sees_matter_id(null)
              else mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id) end)
  with check (case when invoice_id is null then mh_firm_sees_matter_id(null)
                   else mh_firm_side() and exists (select 1 from invoice i where i.id = invoice_id) end);

grant execute on function mh_firm_sees_matter_id(uuid) to ${app_role};
