-- Document-management sync (issue 3): what the hub knows of each DMS connection's workspaces, folders and
-- document profiles, whether a profile resolved to a matter, and which portal document it became.
--
-- A DMS document appears here for every profile the sync has seen, resolved or not; it becomes a portal
-- `document` only when it resolves to a matter (DESIGN: a document that resolves to no matter is published
-- nowhere). Ops read the unresolved ones (resolution <> 'resolved') to fix the DMS profile or the firm's mapping.

-- Workspaces and folders of a DMS connection, as its crawl or container listing reported them.
create table dms_container (
  firm_id        uuid not null references firm(id),
  connection_id  uuid not null references connection(id),
  external_id    text not null,
  kind           text not null check (kind in ('workspace', 'folder')),
  name           text not null,
  parent_id      text,                 -- the containing workspace or folder
  workspace_id   text,                 -- the workspace the container belongs to (itself for a workspace)
  client_number  text,                 -- a workspace's client and matter numbers, as the DMS files them
  matter_number  text,
  updated_at     timestamptz not null default now(),
  primary key (connection_id, external_id)
);
create index dms_container_workspace_idx on dms_container (connection_id, client_number, matter_number) where kind = 'workspace';

-- Document profiles of a DMS connection.
create table dms_document (
  firm_id            uuid not null references firm(id),
  connection_id      uuid not null references connection(id),
  external_id        text not null,    -- iManage `LIB!number`, NetDocuments `nnnn-nnnn-nnnn`
  document_id        uuid references document(id),
  title              text not null,
  file_extension     text,
  folder_name        text,             -- the folder shown to staff: the portal folder if filed there (null until known)
  client_number      text,
  matter_number      text,
  profile_class      text,             -- the DMS field categories are mapped from
  latest_version     integer,
  resolution         text not null check (resolution in ('resolved', 'no_matter', 'client_mismatch', 'missing_numbers')),
  resolution_detail  text,
  source_updated_at  timestamptz,
  first_seen_at      timestamptz not null default now(),
  last_seen_at       timestamptz not null default now(),
  deleted_at         timestamptz,
  -- Lookups of many ids at once go through this key: row-level security keeps a text comparison out of index
  -- conditions (it is not leakproof), a uuid comparison is not kept out.
  external_key       uuid generated always as (md5(external_id)::uuid) stored,
  primary key (connection_id, external_id)
);
create index dms_document_key_idx on dms_document (connection_id, external_key);
create index dms_document_unresolved_idx on dms_document (firm_id, last_seen_at desc) where resolution <> 'resolved' and deleted_at is null;
create index dms_document_document_idx on dms_document (document_id);


-- Where the DMS files each document (a document may be filed in several folders). Kept apart from the profile
-- because the iManage crawl reports placements and profiles separately, in either order.
create table dms_placement (
  firm_id        uuid not null references firm(id),
  connection_id  uuid not null references connection(id),
  document_external_id text not null,
  folder_id      text not null,
  document_key   uuid generated always as (md5(document_external_id)::uuid) stored,   -- see dms_document.external_key
  primary key (connection_id, document_external_id, folder_id)
);
create index dms_placement_key_idx on dms_placement (connection_id, document_key);

-- The DMS's own number of each version, so a version is recorded once however often the sync sees it.
alter table document_version add column source_version integer;
create unique index document_version_source_idx on document_version (document_id, source_version) where source_version is not null;

do $$
declare t text;
begin
  foreach t in array array['dms_container', 'dms_document', 'dms_placement'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm())', t);
    execute format('create policy firm_side on %I using (mh_firm_side()) with check (mh_firm_side())', t);
    execute format('grant select, insert, update, delete on %I to ${app_role}', t);
  end loop;
end $$;
