-- Connect flows bound to the browser that started them, expiring, with PKCE; and the vendor account a connection
-- was first authorised for (docs/security.md, "Vendor URLs and connect flows").
--   oauth_state_binding     SHA-256 (hex) of the random nonce in the initiator's HttpOnly cookie; the callback must
--                           present a cookie with the same hash.
--   oauth_state_expires_at  the state is refused after this (ten minutes after the flow started).
--   oauth_code_verifier_enc the PKCE code verifier (RFC 7636), wrapped by the master key (SecretCipher) with
--                           associated data "connection:<id>:pkce"; cleared with the state when the callback uses it.
--   vendor_account          the vendor's id of the account the grant reached on first authorisation (Clio user,
--                           iManage customer, NetDocuments user, QuickBooks company, Xero organisation); a later
--                           authorisation that reaches another account is refused.
-- The table keeps its row-level security policies (V2); no new grants are needed for new columns.
alter table connection
  add column oauth_state_binding     text,
  add column oauth_state_expires_at  timestamptz,
  add column oauth_code_verifier_enc bytea,
  add column vendor_account          text;
