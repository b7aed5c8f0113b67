package org.matterhub.connectors.quickbooks;

import java.util.List;

/**
 * One page of a query ({@code … ORDERBY Id STARTPOSITION n MAXRESULTS m}, VENDORS.md §4.3).
 *
 * @param items         the rows, in {@code Id} order
 * @param startPosition the 1-based position asked for
 * @param maxResults    the page size asked for
 */
public record QboPage<T>(List<T> items, int startPosition, int maxResults) {

    public QboPage {
        items = List.copyOf(items);
    }

    /** Whether a further page may exist (this one came back full). */
    public boolean hasMore() {
        return items.size() >= maxResults;
    }

    /** The {@code STARTPOSITION} of the next page. */
    public int nextStartPosition() {
        return startPosition + items.size();
    }
}
