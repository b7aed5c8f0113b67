package org.matterhub.connectors.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reduces the plain text of a reply to what its author wrote: quoted history, forwarded content and signatures go.
 * <ul>
 *   <li>{@code >} lines go; an attribution ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:",
 *       "Op … schreef …:", "Il … ha scritto:", "Em … escreveu:", wrapped over up to three lines, with a digit or an
 *       {@code @} in it) goes with them, so bottom and interleaved posting keep the author's lines;</li>
 *   <li>an attribution not followed by {@code >} lines, an Outlook header block ("From:" then "Sent:"/"Date:" within four
 *       lines, in seven languages), "-----Original Message-----" and forwarding separators, a line of underscores:
 *       everything from there on is history;</li>
 *   <li>the signature delimiter {@code "-- "} and "Sent from my iPhone"-style lines end the author's text.</li>
 * </ul>
 */
final class QuotedText {

    private static final int I = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern ATTRIBUTION = Pattern.compile("^(?:"
            + "On\\s.{1,300}\\swrote\\s?:"
            + "|Am\\s.{1,300}\\sschrieb.{0,300}:"
            + "|Le\\s.{1,300}\\sa\\s+écrit\\s?:"
            + "|El\\s.{1,300}\\sescribió\\s?:"
            + "|Op\\s.{1,300}\\sschreef.{0,300}:"
            + "|Il\\s.{1,300}\\sha\\s+scritto\\s?:"
            + "|(?:Em|No dia)\\s.{1,300}\\sescreveu\\s?:)$", I);
    private static final Pattern HISTORY = Pattern.compile("^(?:"
            + "-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine"
            + "|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original"
            + "|Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
            + "|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada)\\s*-{2,}"
            + "|Begin forwarded message\\s?:|Anfang der weitergeleiteten Nachricht\\s?:"
            + "|Début du message (?:réexpédié|transféré)\\s?:|Inicio del mensaje reenviado\\s?:"
            + "|_{10,})$", I);
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\*?(?:From|Von|De|Van|Da)\\s?:\\*?\\s*\\S.*$", I);
    private static final Pattern HEADER_DATE = Pattern.compile(
            "^\\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|Inviato|Data)\\s?:\\*?\\s*\\S.*$", I);
    private static final Pattern MOBILE = Pattern.compile("^(?:"
            + "Sent from my .{1,40}|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail|my mobile)(?: for .{1,30})?"
            + "|Get Outlook for .{1,30}|Sent via .{1,40}"
            + "|Von meinem .{1,40} gesendet|Gesendet von meinem .{1,40}|Gesendet von .{1,40} für .{1,30}"
            + "|Envoyé de mon .{1,40}|Envoyé depuis mon .{1,40}|Enviado desde mi .{1,40}"
            + "|Verstuurd vanaf mijn .{1,40}|Verzonden vanaf mijn .{1,40}|Verzonden met .{1,40}"
            + "|Inviato da(?:l mio)? .{1,40}|Enviado do meu .{1,40}|Enviado de meu .{1,40})$", I);
    private static final Pattern HAS_DETAIL = Pattern.compile("[0-9@]");

    private QuotedText() {
    }

    /** The author's own text of {@code text}, without surrounding blank lines; empty if nothing is left. */
    static String strip(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n')
                .replace('\u00a0', ' ').replace('\u202f', ' ').split("\n", -1);
        List<String> kept = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (line.equals("-- ") || trimmed.equals("--") || HISTORY.matcher(trimmed).matches()
                    || MOBILE.matcher(trimmed).matches() || outlookHeader(lines, i)) {
                break;
            }
            int attribution = attributionLines(lines, i);
            if (attribution > 0) {
                int next = i + attribution;
                while (next < lines.length && lines[next].isBlank()) {
                    next++;
                }
                if (next < lines.length && lines[next].stripLeading().startsWith(">")) {
                    i = next;
                    continue;
                }
                break;
            }
            if (!trimmed.startsWith(">")) {
                kept.add(line.stripTrailing());
            }
            i++;
        }
        return tidy(kept);
    }

    private static int attributionLines(String[] lines, int at) {
        StringBuilder joined = new StringBuilder();
        for (int k = 0; k < 3 && at + k < lines.length; k++) {
            String part = lines[at + k].strip();
            if (part.isEmpty() || part.startsWith(">")) {
                return 0;
            }
            joined.append(k == 0 ? "" : " ").append(part);
            String candidate = joined.toString();
            if (ATTRIBUTION.matcher(candidate).matches() && HAS_DETAIL.matcher(candidate).find()) {
                return k + 1;
            }
        }
        return 0;
    }

    private static boolean outlookHeader(String[] lines, int at) {
        if (!HEADER_FROM.matcher(lines[at].strip()).matches()) {
            return false;
        }
        for (int k = 1; k <= 4 && at + k < lines.length; k++) {
            if (HEADER_DATE.matcher(lines[at + k].strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append('\n');
                blank = false;
            }
            out.append(line).append('\n');
        }
        return out.toString().strip();
    }
}
