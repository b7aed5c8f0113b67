-- Client uploads (issue 3, point 6): a client user with a matter's documents scope uploads a file; the portal keeps it
-- as a document of the matter, visible to the client's organisation at once, and files it into the matter's DMS
-- workspace through the outbox. The fee earner responsible for the matter gets a notification.
--
-- The upload transaction runs in the uploading client's own scope, so row-level security, not a Java check, is what
-- keeps a client from uploading into a matter it may not see or creating a document it could not read. The rows a
-- client may add are spelled out below; everything else (the DMS identity, later versions, publication columns) is
-- the firm's side.
--
-- Which state: a client upload enters `published`. V8 lets a client read a document only in a client-visible state
-- (published, client_approved, changes_requested, closed), and an INSERT whose row the inserting role could not then
-- read back would leave the uploader unable to see its own upload; `published` is the one client-visible state
-- that claims no client answer (the other three record what a client decided about the firm's document). Its
-- version 1 is published too, so the uploader and every user of its organisation who holds the matter's documents
-- scope can list, search and download it; staff see it as every document of the matters they see. `published_by`
-- stays null: no staff user published it — `uploaded_by` says who put it there.

-- ---------------------------------------------------------------- columns
alter table document add column uploaded_by uuid references portal_user(id);   -- the portal user who uploaded it

-- The firm's largest accepted upload in bytes; null: the hub's default (matterhub.uploads.max-bytes).
alter table firm add column upload_max_bytes bigint check (upload_max_bytes is null or upload_max_bytes > 0);

-- ---------------------------------------------------------------- a client's own upload
create policy client_upload on document for insert
  with check (mh_actor() = 'client' and uploaded_by = mh_user() and source_system = 'portal'
              and category = 'client_uploads' and state = 'published' and source_connection_id is null
              and deleted_at is null and publication_requested_by is null and approved_by is null
              and published_by is null and unpublished_by is null and current_version = 1
              and mh_client_matter_section(matter_id, 'documents'));

-- ... and its one published version (the unique (document_id, version_number) leaves room for exactly one).
create policy client_upload on document_version for insert
  with check (mh_actor() = 'client' and version_number = 1 and published and source_version is null
              and exists (select 1 from document d
                           where d.id = document_id and d.uploaded_by = mh_user() and d.source_system = 'portal'
                             and d.category = 'client_uploads' and d.deleted_at is null
                             and mh_client_matter_section(d.matter_id, 'documents')));

-- ---------------------------------------------------------------- notifications
-- Something a firm user should look at. Written in the transaction of what caused it; e-mail delivery comes with the
-- conversation issue (emailed_at). The recipient is named by e-mail, as matters name their responsible attorney
-- (matter.responsible_attorney_email, V5); recipient_user_id is resolved by the trigger below when a firm user has
-- that address, whatever the inserting transaction may see or say.
create table notification (
  id                uuid primary key default gen_random_uuid(),
  firm_id           uuid not null references firm(id),
  recipient_email   text,                 -- null: the matter names no responsible attorney (partners triage)
  recipient_user_id uuid references portal_user(id),
  matter_id         uuid references matter(id),
  kind              text not null,        -- e.g. 'document.uploaded'
  subject_type      text not null,
  subject_id        uuid,
  title             text not null,
  detail            text,
  actor_user_id     uuid references portal_user(id),
  created_at        timestamptz not null default now(),
  read_at           timestamptz,
  emailed_at        timestamptz
);
create index notification_recipient_idx on notification (firm_id, lower(recipient_email), created_at desc);
create index notification_matter_idx on notification (matter_id, created_at desc);

create function mh_notification_recipient() returns trigger
  language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  new.recipient_user_id := (select u.id from portal_user u
                             where u.firm_id = new.firm_id and u.kind = 'firm' and u.status <> 'revoked'
                               and new.recipient_email is not null and lower(u.email) = lower(new.recipient_email)
                             order by u.created_at limit 1);
  return new;
end $$;
create trigger notification_recipient before insert or update of recipient_email on notification
  for each row execute function mh_notification_recipient();

alter table notification enable row level security;
alter table notification force row level security;
create policy tenant_isolation on notification as restrictive
  using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on notification using (mh_firm_side()) with check (mh_firm_side());
-- A client's upload notifies the matter's responsible attorney and nobody else; the client reads no notification.
create policy client_notify on notification for insert
  with check (mh_actor() = 'client' and actor_user_id = mh_user() and kind = 'document.uploaded'
              and subject_type = 'document' and read_at is null and emailed_at is null
              and mh_client_matter_section(matter_id, 'documents')
              and recipient_email is not distinct from (select m.responsible_attorney_email from matter m where m.id = matter_id)
              and exists (select 1 from document d where d.id = subject_id and d.uploaded_by = mh_user()));

grant select, insert, update on notification to ${app_role};
grant execute on function mh_notification_recipient() to ${app_role};
