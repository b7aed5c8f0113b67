-- Reply by e-mail (docs/conversation.md, "Reply by e-mail"). A notification about a thread carries a Reply-To with a
-- signed token; the hub records each token it issues (the token carries only its random 64-bit id: person and thread
-- are too long for an address's local part), and each mail it reads, with what it did with it.

create table reply_token (
  token_id    bigint primary key,
  firm_id     uuid not null references firm(id),
  user_id     uuid not null references portal_user(id),
  thread_id   uuid not null references thread(id),
  expires_at  timestamptz not null,
  revoked_at  timestamptz,
  created_at  timestamptz not null default now()
);
create index reply_token_user_idx on reply_token (user_id, thread_id);

-- A mail read from the reply mailbox: posted, ignored (automatic mail) or refused (and whether its sender was told).
-- One row per firm and Message-ID: a mail delivered twice is handled once.
create table inbound_mail (
  id                 uuid primary key default gen_random_uuid(),
  firm_id            uuid not null references firm(id),
  message_id         text not null check (length(message_id) between 1 and 998),
  token_id           bigint,
  thread_id          uuid references thread(id),
  verdict            text not null check (verdict in ('posted', 'ignored', 'refused')),
  reason             text,
  posted_message_id  uuid references message(id),
  explained          boolean not null default false,
  received_at        timestamptz not null default now(),
  unique (firm_id, message_id)
);

do $$
declare t text;
begin
  foreach t in array array['reply_token', 'inbound_mail'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I as restrictive using (firm_id = mh_firm()) '
                   'with check (firm_id = mh_firm())', t);
    -- The firm's side reads (ops see refused replies); the system issues tokens and records mail.
    execute format('create policy firm_side on %I for select using (mh_firm_side())', t);
    execute format('create policy system_side on %I using (mh_actor() = ''system'') with check (mh_actor() = ''system'')', t);
  end loop;
end $$;

-- A person sees and revokes their own tokens.
create policy owner_self on reply_token for select using (user_id = mh_user());

-- The token behind a reply, across firms: whoever holds a token id (64 random bits, and the mail's HMAC is checked
-- after) learns its firm, person, thread, expiry and revocation, nothing else.
create function mh_reply_token(p_token bigint)
  returns table (firm_id uuid, user_id uuid, thread_id uuid, expires_at timestamptz, revoked boolean)
  language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select r.firm_id, r.user_id, r.thread_id, r.expires_at, r.revoked_at is not null from public.reply_token r
   where r.token_id = p_token
$$;
revoke execute on function mh_reply_token(bigint) from public;
grant execute on function mh_reply_token(bigint) to ${app_role};
revoke truncate, delete on reply_token from ${app_role};
revoke truncate, delete on inbound_mail from ${app_role};
