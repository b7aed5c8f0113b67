package org.matterhub.connectors.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readable parts of a mail: its plain text and HTML bodies (the inline ones, in order, format=flowed undone) and
 * its attachments. Inline images of {@code multipart/related} (signature logos) are not attachments; a filename or an
 * {@code attachment} disposition makes anything an attachment, a text part included; a forwarded
 * {@code message/rfc822} is an attachment.
 */
record MailBody(String text, String html, List<MailAttachment> attachments) {

    static MailBody of(Part message) throws MessagingException, IOException {
        Collector collector = new Collector();
        collector.walk(message, false);
        return new MailBody(collector.text.isEmpty() ? null : collector.text.toString(),
                collector.html.isEmpty() ? null : collector.html.toString(), List.copyOf(collector.attachments));
    }

    private static final class Collector {

        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder();
        private final List<MailAttachment> attachments = new ArrayList<>();

        void walk(Part part, boolean related) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                boolean isRelated = related || part.isMimeType("multipart/related");
                boolean alternative = part.isMimeType("multipart/alternative");
                boolean tookText = false;
                boolean tookHtml = false;
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (alternative && ((tookText && child.isMimeType("text/plain"))
                            || (tookHtml && child.isMimeType("text/html")))) {
                        continue;
                    }
                    tookText |= child.isMimeType("text/plain");
                    tookHtml |= child.isMimeType("text/html") || child.isMimeType("multipart/related");
                    walk(child, isRelated);
                }
                return;
            }
            String filename = filename(part);
            String disposition = disposition(part);
            boolean attachment = Part.ATTACHMENT.equals(disposition) || filename != null;
            if (!attachment && part.isMimeType("text/plain")) {
                append(text, flowed(part, read(part)));
            } else if (!attachment && part.isMimeType("text/html")) {
                append(html, read(part));
            } else if (related && !Part.ATTACHMENT.equals(disposition) && part instanceof BodyPart body
                    && body.getHeader("Content-ID") != null) {
                return;
            } else {
                String name = filename != null ? filename
                        : part.isMimeType("message/rfc822") ? "forwarded-message.eml" : null;
                try (InputStream in = part.getInputStream()) {
                    attachments.add(new MailAttachment(MailAttachment.safeFilename(name), name,
                            baseType(part), in.readAllBytes()));
                }
            }
        }

        private static void append(StringBuilder body, String content) {
            if (!body.isEmpty()) {
                body.append('\n');
            }
            body.append(content);
        }

        private static String filename(Part part) {
            try {
                String name = part.getFileName();
                return name == null ? null : MimeUtility.decodeText(name);
            } catch (MessagingException | IOException | RuntimeException e) {
                return "attachment";
            }
        }

        private static String disposition(Part part) {
            try {
                String value = part.getDisposition();
                return value == null ? null : value.toLowerCase(Locale.ROOT);
            } catch (MessagingException e) {
                return Part.ATTACHMENT;
            }
        }

        private static String baseType(Part part) throws MessagingException {
            try {
                return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            } catch (ParseException | NullPointerException e) {
                return "application/octet-stream";
            }
        }

        private static String read(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                if (content instanceof String s) {
                    return s;
                }
            } catch (IOException e) {
                // an unknown charset: fall through to the raw bytes
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), charset(part));
            }
        }

        private static Charset charset(Part part) {
            try {
                String name = new ContentType(part.getContentType()).getParameter("charset");
                return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
            } catch (MessagingException | RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }

        /** Undoes RFC 3676 format=flowed: soft line breaks joined, space-stuffing removed. */
        private static String flowed(Part part, String content) throws MessagingException {
            ContentType type;
            try {
                type = new ContentType(part.getContentType());
            } catch (ParseException e) {
                return content;
            }
            if (!"flowed".equalsIgnoreCase(type.getParameter("format"))) {
                return content;
            }
            boolean delSp = "yes".equalsIgnoreCase(type.getParameter("delsp"));
            StringBuilder out = new StringBuilder(content.length());
            for (String line : content.replace("\r\n", "\n").split("\n", -1)) {
                String unstuffed = line.startsWith(" ") ? line.substring(1) : line;
                boolean soft = unstuffed.endsWith(" ") && !unstuffed.equals("-- ");
                out.append(soft && delSp ? unstuffed.substring(0, unstuffed.length() - 1) : unstuffed);
                if (!soft) {
                    out.append('\n');
                }
            }
            return out.toString();
        }
    }
}
