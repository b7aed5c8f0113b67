package org.matterhub.connectors.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply address of a firm: {@code reply+<token>@<domain>} (sub-addressing, RFC 5233, which the firm's mailbox
 * delivers to {@code reply@<domain>}). The local part of a token address is 54 characters, under the limit of 64.
 */
public record ReplyAddress(String localPart, String domain) {

    /** The local part used unless a firm configures another. */
    public static final String DEFAULT_LOCAL_PART = "reply";

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9][a-z0-9.-]{0,8}");

    public ReplyAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        localPart = localPart.toLowerCase(Locale.ROOT);
        domain = domain.toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(localPart).matches()) {
            throw new IllegalArgumentException("reply local part must be 1-9 letters, digits, dots or dashes: " + localPart);
        }
        if (domain.isBlank() || domain.contains("@")) {
            throw new IllegalArgumentException("not a domain: " + domain);
        }
    }

    public static ReplyAddress of(String domain) {
        return new ReplyAddress(DEFAULT_LOCAL_PART, domain);
    }

    /** The address replies to {@code token} go to. */
    public String format(ReplyToken token) {
        return localPart + "+" + token.text() + "@" + domain;
    }

    /** The token text in {@code address} if it is one of this firm's reply addresses (any case), else empty. */
    public Optional<String> tokenIn(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile(Pattern.quote(localPart) + "\\+([a-z2-7]{" + ReplyTokens.TEXT_LENGTH + "})@"
                + Pattern.quote(domain), Pattern.CASE_INSENSITIVE).matcher(address.strip());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Whether {@code address} is this firm's reply mailbox itself or one of its token addresses. */
    public boolean isOurs(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        return a.equals(localPart + "@" + domain) || (a.startsWith(localPart + "+") && a.endsWith("@" + domain));
    }
}
