package org.matterhub.mappings.billing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A firm's rule for finding the matter number on an invoice (issue 4, point 4), one per accounting connection:
 * <ul>
 *   <li>{@code sub_customer}: QuickBooks sub-customer per matter, the number read from the sub-customer's name</li>
 *   <li>{@code class}: the QuickBooks class</li>
 *   <li>{@code custom_field}: a QuickBooks custom field, named by {@code field}</li>
 *   <li>{@code doc_number}, {@code memo}: QuickBooks DocNumber or memo</li>
 *   <li>{@code reference}: the Xero invoice Reference</li>
 *   <li>{@code tracking_category}: a Xero tracking category, named by {@code field}</li>
 * </ul>
 * The value is matched with {@code pattern}, a regular expression whose group {@code matter} is the matter number
 * (default: the first run of digits); an invoice whose value does not match has no matter (it still belongs to its
 * client organisation through the customer or contact).
 *
 * @param source  one of the sources above
 * @param field   the custom field or tracking category name ({@code custom_field}, {@code tracking_category})
 * @param pattern a regex with a named group {@code matter}; null for the default
 */
public record InvoiceMatterRule(String source, String field, String pattern) {

    private static final Pattern DEFAULT = Pattern.compile("(?<matter>[0-9]+)");
    private static final java.util.Set<String> SOURCES = java.util.Set.of("sub_customer", "class", "custom_field", "doc_number",
            "memo", "reference", "tracking_category");

    public InvoiceMatterRule {
        if (source == null || !SOURCES.contains(source.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("source must be one of " + new java.util.TreeSet<>(SOURCES) + "; got " + source);
        }
        source = source.toLowerCase(Locale.ROOT);
        if (("custom_field".equals(source) || "tracking_category".equals(source)) && (field == null || field.isBlank())) {
            throw new IllegalArgumentException(source + " needs the name of the field to read (field)");
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
                if (!pattern.contains("(?<matter>")) {
                    throw new IllegalArgumentException("pattern needs a named group (?<matter>…)");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern is not a regular expression: " + e.getDescription());
            }
        }
    }

    /** The matter number the invoice carries under this rule, if any. */
    public Optional<String> matterNumber(InvoiceFacts invoice) {
        String value = switch (source) {
            case "sub_customer" -> invoice.parentCustomerName() == null ? null : invoice.customerName();
            case "class" -> invoice.className();
            case "custom_field" -> invoice.customFields().get(field);
            case "doc_number" -> invoice.docNumber();
            case "memo" -> invoice.memo();
            case "reference" -> invoice.reference();
            case "tracking_category" -> invoice.tracking().get(field);
            default -> null;
        };
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = (pattern == null ? DEFAULT : Pattern.compile(pattern)).matcher(value);
        return m.find() ? Optional.ofNullable(m.group("matter")).map(String::strip).filter(s -> !s.isEmpty()) : Optional.empty();
    }
}
