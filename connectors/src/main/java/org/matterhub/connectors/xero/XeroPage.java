package org.matterhub.connectors.xero;

import java.util.List;

/**
 * One page of a modified-since list. Xero pages hold at most {@value XeroClient#PAGE_SIZE} records; a full page
 * means another may follow.
 *
 * @param items   the page's records, oldest change first
 * @param page    this page's number (1-based)
 * @param hasMore whether the next page should be read ({@code page + 1}) with the same {@code since}
 */
public record XeroPage<T>(List<T> items, int page, boolean hasMore) {

    public XeroPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The number to ask for next. */
    public int nextPage() {
        return page + 1;
    }
}
