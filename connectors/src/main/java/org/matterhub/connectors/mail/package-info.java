/**
 * Vendor-neutral e-mail for notifications and reply by e-mail, on Jakarta Mail (Eclipse Angus, RFC 5322/2045 MIME) and
 * jsoup; no Spring, no Camel. The hub's routes move the bytes (camel-mail SMTP and IMAP); this package decides what
 * they contain and what an incoming mail means.
 *
 * <ul>
 *   <li><b>Out:</b> {@link org.matterhub.connectors.mail.MailTemplate} renders a notification (values HTML-escaped);
 *       {@link org.matterhub.connectors.mail.OutgoingMail} composes it as {@code multipart/alternative} with stable
 *       {@code Message-ID}, thread {@code References}, {@code List-Unsubscribe} (RFC 2369, one-click RFC 8058),
 *       {@code Auto-Submitted} (RFC 3834) and the {@code Reply-To} token address, from the firm's
 *       {@link org.matterhub.connectors.mail.SenderIdentity}.</li>
 *   <li><b>Tokens:</b> {@link org.matterhub.connectors.mail.ReplyTokens} issues and verifies HMAC-SHA256 tokens bound to
 *       a person and a thread, expiring, revocable, with key rotation
 *       ({@link org.matterhub.connectors.mail.ReplyTokenKeys}); 48 characters of base32, so that
 *       {@code reply+<token>} fits an address's local part. The hub implements the ports
 *       {@link org.matterhub.connectors.mail.TokenSubjects}, {@link org.matterhub.connectors.mail.RevokedTokens} and
 *       {@link org.matterhub.connectors.mail.PersonAddresses}.</li>
 *   <li><b>In:</b> {@link org.matterhub.connectors.mail.IncomingReply} turns a received mail into a
 *       {@link org.matterhub.connectors.mail.ReplyVerdict}: post the author's text and attachments, ignore automatic
 *       mail and loops, or refuse (with whether a polite explanation may be sent).</li>
 * </ul>
 */
package org.matterhub.connectors.mail;
