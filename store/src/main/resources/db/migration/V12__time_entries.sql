-- Time entries (issue 4, point 6): the time a firm records against a matter in its practice-management system (Clio
-- activities of type TimeEntry), shown to clients only when the firm enables it.
--
-- Field ownership: every column but the ids comes from the practice-management system; no portal path edits them.
-- Amounts are minor units of the matter's billing currency (see docs/billing.md, "Time entries").

alter table firm add column show_time_entries boolean not null default false;

create table time_entry (
  id                  uuid primary key default gen_random_uuid(),
  firm_id             uuid not null references firm(id),
  matter_id           uuid not null references matter(id),
  connection_id       uuid not null references connection(id),
  external_id         text not null,             -- Clio Activity.id
  entry_date          date not null,
  hours               numeric(12, 4) not null check (hours >= 0),
  description         text,                       -- Clio Activity.note
  user_name           text,                       -- the timekeeper
  billable            boolean not null default true,
  billed              boolean not null default false,
  amount_minor        bigint not null,
  currency            char(3) not null,
  source_updated_at   timestamptz,
  deleted_at          timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index time_entry_matter_idx on time_entry (matter_id, entry_date);

alter table time_entry enable row level security;
alter table time_entry force row level security;
create policy tenant_isolation on time_entry as restrictive using (firm_id = mh_firm()) with check (firm_id = mh_firm());
create policy firm_side on time_entry using (mh_firm_side()) with check (mh_firm_side());
grant select, insert, update, delete on time_entry to ${app_role};

-- A client reads a matter's time entries only when the firm shows them, and only when the caller may see the matter's
-- invoices section: the org admin, or a member granted the matter with the invoices scope. A finance user sees no
-- matter (V2), so no time entry either; they see what was billed, on the invoices. Deleted entries are never shown.
create policy client_read on time_entry for select
  using (deleted_at is null
         and exists (select 1 from firm f where f.id = firm_id and f.show_time_entries)
         and mh_client_matter_section(matter_id, 'invoices'));
