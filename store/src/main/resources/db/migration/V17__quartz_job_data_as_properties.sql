-- Quartz job data as properties, never Java serialization (spring.quartz.properties
-- org.quartz.jobStore.useProperties=true). The application role can write these tables; with serialized job data,
-- whoever could write a row could have the scheduler deserialize any object graph.
--
-- The jobs and triggers here are the Camel routes' (quartz:// endpoints): the routes create them again, with their
-- job data as properties, when they start. So the rows stored before this migration, serialized, are removed rather
-- than converted. Every node of a cluster runs with the same setting (see docs/security.md).
delete from qrtz_fired_triggers;
delete from qrtz_simple_triggers;
delete from qrtz_cron_triggers;
delete from qrtz_simprop_triggers;
delete from qrtz_blob_triggers;
delete from qrtz_triggers;
delete from qrtz_job_details;
delete from qrtz_calendars;

-- The database refuses serialized job data (Java serialization streams start with 0xACED), whoever writes it.
alter table qrtz_job_details add constraint qrtz_job_details_data_not_serialized
  check (job_data is null or substring(job_data from 1 for 2) <> '\xaced'::bytea);
alter table qrtz_triggers add constraint qrtz_triggers_data_not_serialized
  check (job_data is null or substring(job_data from 1 for 2) <> '\xaced'::bytea);
-- Blob triggers and calendars are always serialized objects; the hub uses neither. The application role may still
-- read and delete them (Quartz looks there when it removes a trigger) but may not write one.
alter table qrtz_triggers add constraint qrtz_triggers_no_blob_type check (trigger_type <> 'BLOB');
revoke insert, update on qrtz_blob_triggers, qrtz_calendars from ${app_role};
