-- Queued work of a paused connection, or of one waiting for re-authorisation, stays queued: only rows of
-- active connections are handed to the drains.
create or replace function mh_due_work(p_kind text, p_limit integer) returns table (id bigint, firm_id uuid)
  language plpgsql volatile security definer set search_path = pg_catalog, public as $$
begin
  if p_kind = 'outbox' then
    return query select o.id, o.firm_id from outbox o join connection c on c.id = o.connection_id
                  where o.status = 'pending' and o.next_attempt_at <= now() and c.status = 'active'
                  order by o.id limit p_limit for update of o skip locked;
  elsif p_kind = 'inbox' then
    return query select i.id, i.firm_id from inbox i join connection c on c.id = i.connection_id
                  where i.status = 'pending' and i.next_attempt_at <= now() and c.status = 'active'
                  order by i.id limit p_limit for update of i skip locked;
  else
    raise exception 'unknown work kind %', p_kind;
  end if;
end $$;
