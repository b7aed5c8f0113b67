-- Documents on the portal side (issue 3): the publication lifecycle, client actions, full-text search, and
-- row-level security that keeps every internal, pending or unpublished document and version away from clients.
--
-- States of a document:
--   internal           in the DMS, not a portal candidate                                   (firm only)
--   pending_review     a portal candidate waiting for a staff user (and, if the firm requires
--                      it, a second, different staff user) to publish it                   (firm only)
--   published          visible to the matter's client users with the documents scope
--   client_approved | changes_requested | closed   a client's structured answer (still visible)
--   unpublished        withdrawn by staff; access ended at once                             (firm only)
-- A client sees a document only in the four client-visible states, and of it only versions flagged published.

-- ---------------------------------------------------------------- lifecycle columns
alter table firm add column requires_second_approval boolean not null default false;
alter table matter add column documents_auto_publish boolean not null default false;

alter table document
  add column source_system            text not null default 'portal'
                                      check (source_system in ('imanage', 'netdocuments', 'portal')),
  add column source_connection_id     uuid references connection(id),   -- the DMS connection it came from
  add column dms_folder               text,
  add column publication_requested_by uuid references portal_user(id),  -- first approval of a publication
  add column publication_requested_at timestamptz,
  add column approved_by              uuid references portal_user(id),  -- the second approval, if required
  add column approved_at              timestamptz,
  add column published_by             uuid references portal_user(id),
  add column published_at             timestamptz,
  add column unpublished_by           uuid references portal_user(id),
  add column unpublished_at           timestamptz,
  add column deleted_at               timestamptz,
  -- Four eyes are two people: the database refuses a second approval by the first approver.
  add constraint document_second_approval_by_another
      check (approved_by is null or publication_requested_by is null or approved_by <> publication_requested_by);
create index document_matter_idx on document (firm_id, matter_id, updated_at desc);
create index document_state_idx on document (firm_id, state) where state = 'pending_review';

-- Text extracted from a version (Tika, by the sync) and its search vector: the document's title (weight A) and the
-- version's text (weight D) in one tsvector, so a query's terms may match across both and ts_rank ranks title hits
-- first. Maintained by the triggers below (a generated column cannot read the document's title).
alter table document_version
  add column text_content  text,
  add column search_vector tsvector not null default ''::tsvector;
create index document_version_search_idx on document_version using gin (search_vector);

create function mh_document_search_vector(p_title text, p_text text) returns tsvector language sql immutable as $$
  select setweight(to_tsvector('english'::regconfig, coalesce(p_title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(p_text, '')), 'D')
$$;

create function mh_document_version_search() returns trigger language plpgsql as $$
begin
  new.search_vector := mh_document_search_vector((select d.title from document d where d.id = new.document_id), new.text_content);
  return new;
end $$;
create trigger document_version_search before insert or update of text_content on document_version
  for each row execute function mh_document_version_search();

create function mh_document_title_search() returns trigger language plpgsql as $$
begin
  update document_version set search_vector = mh_document_search_vector(new.title, text_content) where document_id = new.id;
  return new;
end $$;
create trigger document_title_search after update of title on document
  for each row when (new.title is distinct from old.title) execute function mh_document_title_search();
create index document_version_document_idx on document_version (document_id, version_number desc);

-- ---------------------------------------------------------------- who may see a document
-- The document states a client may ever see.
create function mh_client_visible_state(p_state text) returns boolean language sql immutable as
$$ select p_state in ('published', 'client_approved', 'changes_requested', 'closed') $$;

-- Firm side: system and ops see every document of the firm; staff only documents of matters they see (V5: partners
-- and firm admins all, staff the matters they are responsible for). A document resolved to no matter is seen by
-- partners and firm admins only.
create function mh_firm_sees_document(p_matter uuid) returns boolean language sql stable as $$
  select case mh_actor()
           when 'system' then true
           when 'ops' then true
           when 'staff' then case when p_matter is null
                                  then exists (select 1 from portal_user u where u.id = mh_user() and u.status <> 'revoked'
                                                  and u.firm_role in ('partner', 'firm_admin'))
                                  else exists (select 1 from matter m where m.id = p_matter) end
           else false end
$$;

drop policy firm_side on document;
create policy firm_side on document using (mh_firm_sees_document(matter_id)) with check (mh_firm_sees_document(matter_id));
drop policy firm_side on document_version;
create policy firm_side on document_version using (mh_firm_side() and exists (select 1 from document d where d.id = document_id))
  with check (mh_firm_side() and exists (select 1 from document d where d.id = document_id));
drop policy firm_side on document_action;
create policy firm_side on document_action using (mh_firm_side() and exists (select 1 from document d where d.id = document_id))
  with check (mh_firm_side() and exists (select 1 from document d where d.id = document_id));

-- Client side. V2 relied on the document policy being applied inside the version policy's sub-select; here each
-- rule states the document's conditions itself, so no client rule depends on another table's policy alone.
drop policy client_read on document;
create policy client_read on document for select
  using (mh_actor() = 'client' and deleted_at is null and mh_client_visible_state(state)
         and mh_client_matter_section(matter_id, 'documents'));

drop policy client_read on document_version;
create policy client_read on document_version for select
  using (mh_actor() = 'client' and published
         and exists (select 1 from document d
                      where d.id = document_id and d.deleted_at is null and mh_client_visible_state(d.state)
                        and mh_client_matter_section(d.matter_id, 'documents')));

drop policy client_read on document_action;
create policy client_read on document_action for select
  using (mh_actor() = 'client'
         and exists (select 1 from document d
                      where d.id = document_id and d.deleted_at is null and mh_client_visible_state(d.state)
                        and mh_client_matter_section(d.matter_id, 'documents')));

-- A client acts on a document it sees: the action is its own, and the only change it may make to the document is
-- the state transition the trigger below allows.
create policy client_act on document_action for insert
  with check (mh_actor() = 'client' and user_id = mh_user()
              and exists (select 1 from document d
                           where d.id = document_id and d.deleted_at is null and mh_client_visible_state(d.state)
                             and mh_client_matter_section(d.matter_id, 'documents')));
create policy client_act on document for update
  using (mh_actor() = 'client' and deleted_at is null and mh_client_visible_state(state)
         and mh_client_matter_section(matter_id, 'documents'))
  with check (mh_actor() = 'client' and state in ('client_approved', 'changes_requested', 'closed')
              and mh_client_matter_section(matter_id, 'documents'));
-- ... and leaves a client-visible entry in the matter's timeline about a document.
create policy client_append on matter_milestone for insert
  with check (mh_actor() = 'client' and kind like 'document.%' and client_visible
              and mh_client_matter_section(matter_id, 'documents'));

-- A client's update of a document changes its state along the client's transitions and nothing else.
create function mh_document_client_guard() returns trigger language plpgsql as $$
begin
  if mh_actor() <> 'client' then
    return new;
  end if;
  -- Every column but state and updated_at, including columns later migrations add.
  if (to_jsonb(new) - 'state' - 'updated_at') is distinct from (to_jsonb(old) - 'state' - 'updated_at') then
    raise exception 'a client may change only the state of a document' using errcode = '42501';
  end if;
  if not ((old.state in ('published', 'changes_requested') and new.state = 'client_approved')
       or (old.state in ('published', 'client_approved') and new.state = 'changes_requested')
       or (old.state in ('published', 'client_approved', 'changes_requested') and new.state = 'closed')) then
    raise exception 'a client may not move a document from % to %', old.state, new.state using errcode = '42501';
  end if;
  return new;
end $$;
create trigger document_client_guard before update on document for each row execute function mh_document_client_guard();

grant execute on function mh_client_visible_state(text), mh_firm_sees_document(uuid), mh_document_search_vector(text, text)
  to ${app_role};
