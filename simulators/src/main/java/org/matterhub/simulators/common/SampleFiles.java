package org.matterhub.simulators.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small, deterministic, well-formed sample files for document-management simulators: a one-page PDF,
 * a minimal DOCX (Office Open XML) and plain text. Same input, same bytes, every time.
 */
public final class SampleFiles {

    /** Fixed entry time for DOCX zip entries (1 Jan 2024 00:00 UTC), so the bytes are reproducible. */
    private static final long ZIP_TIME = 1_704_067_200_000L;

    private SampleFiles() {
    }

    /** Bytes for a file with this extension ({@code pdf}, {@code docx}, anything else = text). */
    public static byte[] forExtension(String extension, String title, String body) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "pdf" -> pdf(title, body);
            case "docx" -> docx(title, body);
            default -> text(title, body);
        };
    }

    /** MIME type for an extension. */
    public static String mimeType(String extension) {
        return switch (extension == null ? "" : extension.toLowerCase(Locale.ROOT)) {
            case "pdf" -> "application/pdf";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "doc" -> "application/msword";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "txt" -> "text/plain";
            case "msg" -> "application/vnd.ms-outlook";
            case "eml" -> "message/rfc822";
            default -> "application/octet-stream";
        };
    }

    public static byte[] text(String title, String body) {
        return (title + "\n\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A one-page PDF 1.4 with the title and body in Helvetica, with a correct xref table. */
    public static byte[] pdf(String title, String body) {
        String stream = "BT /F1 16 Tf 72 720 Td (" + pdfEscape(title) + ") Tj ET\n"
                + "BT /F1 11 Tf 72 690 Td (" + pdfEscape(body) + ") Tj ET\n";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n" + stream
                        + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        StringBuilder out = new StringBuilder("%PDF-1.4\n");
        long[] offsets = new long[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = out.length();
            out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        long xref = out.length();
        out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (long off : offsets) {
            out.append(String.format("%010d 00000 n \n", off));
        }
        out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A minimal Word document: content types, package relationships and one paragraph per line. */
    public static byte[] docx(String title, String body) {
        String contentTypes = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.wordprocessingml.document.main+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>" + xmlEscape(title) + "</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>" + xmlEscape(body) + "</w:t></w:r></w:p>"
                + "</w:body></w:document>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", contentTypes);
            put(zip, "_rels/.rels", rels);
            put(zip, "word/document.xml", document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ZipEntry e = new ZipEntry(name);
        e.setTime(ZIP_TIME);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static String pdfEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
