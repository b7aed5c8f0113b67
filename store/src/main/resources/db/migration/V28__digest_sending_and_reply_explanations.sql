-- Digests (docs/conversation.md, "Digests"): a digest is marked 'sending' in its own committed transaction before it is
-- handed to the mail server, with the attempt's number and a fencing token. After a crash, 'sending' says the mail
-- server may hold it (it is sent again with the same Message-ID); 'prepared' says it surely does not.
alter table notification_digest drop constraint notification_digest_send_state_check;
alter table notification_digest add constraint notification_digest_send_state_check
  check (send_state in ('prepared', 'sending', 'sent'));
alter table notification_digest
  add column send_attempts integer not null default 0 check (send_attempts >= 0),
  add column attempt_token uuid,
  add column attempted_at timestamptz;
drop index notification_digest_prepared_idx;
create index notification_digest_unsent_idx on notification_digest (firm_id, created_at)
  where send_state in ('prepared', 'sending');

-- Reply by e-mail (docs/conversation.md, "Reply by e-mail"): the address an explanation went to, so that a sender is
-- told at most matterhub.mail.reply.explanations-per-hour times an hour (backscatter).
alter table inbound_mail add column explained_to text check (explained_to is null or length(explained_to) <= 320);
create index inbound_mail_explained_idx on inbound_mail (firm_id, explained_to, received_at) where explained;
