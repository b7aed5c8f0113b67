-- V4's entry points of identity by e-mail alone are retired: since V18 a person is found by (iss, sub)
-- (mh_principal_by_identity) and bound once, with a verified e-mail (mh_principal_by_email, mh_bind_identity).
-- mh_principal found a person by e-mail on every sign-in; mh_mark_signed_in bound whatever subject came first.
-- Nothing calls either; a SECURITY DEFINER function nobody needs is only surface.
drop function if exists mh_mark_signed_in(uuid, text);
drop function if exists mh_principal(text, uuid);
