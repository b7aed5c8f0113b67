package org.matterhub.mappings.documents;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a DMS document to a portal {@link DocumentCategory}: first the firm's table ({@link DmsSettings#categories()},
 * keyed by the value of the category field, e.g. iManage {@code class}), then the built-in rules below on the class
 * and the title, then {@link DocumentCategory#GENERAL}. The same profile always maps to the same category, in every
 * matter.
 */
public final class DocumentCategories {

    private record Rule(Pattern pattern, DocumentCategory category) {
    }

    private static final List<Rule> RULES = List.of(
            rule("\\b(letter|correspondence|email|e-mail|memo to client|LETTER|CORR)\\b", DocumentCategory.CORRESPONDENCE),
            rule("\\b(agreement|contract|lease|licen[cs]e|deed|nda|terms|AGMT|CONTRACT)\\b", DocumentCategory.CONTRACTS),
            rule("\\b(court|claim|pleading|order|judgment|judgement|witness|statement of case|filing|PLEAD)\\b", DocumentCategory.COURT),
            rule("\\b(invoice|bill|statement of account|fee|estimate|financial|accounts)\\b", DocumentCategory.FINANCIAL),
            rule("\\b(minutes|resolution|articles|register|board|shareholder)\\b", DocumentCategory.CORPORATE),
            rule("\\b(evidence|exhibit|bundle|disclosure)\\b", DocumentCategory.EVIDENCE));

    private DocumentCategories() {
    }

    public static DocumentCategory categorise(DmsSettings settings, String categoryValue, String title) {
        if (categoryValue != null && !categoryValue.isBlank()) {
            String mapped = settings.categories().get(categoryValue.strip().toUpperCase(Locale.ROOT));
            if (mapped != null) {
                return DocumentCategory.parse(mapped).orElseThrow();
            }
        }
        String text = ((categoryValue == null ? "" : categoryValue) + " " + (title == null ? "" : title));
        for (Rule r : RULES) {
            if (r.pattern().matcher(text).find()) {
                return r.category();
            }
        }
        return DocumentCategory.GENERAL;
    }

    private static Rule rule(String regex, DocumentCategory category) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), category);
    }
}
