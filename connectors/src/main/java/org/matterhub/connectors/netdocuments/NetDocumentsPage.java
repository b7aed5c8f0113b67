package org.matterhub.connectors.netdocuments;

import java.util.List;

/**
 * One page of a v2 listing ({@code {"Results","TotalFound","SkipToken"}}).
 *
 * @param items      the page's items
 * @param skipToken  pass to the next call; null on the last page
 * @param totalFound the container's item count, when the server says
 */
public record NetDocumentsPage<T>(List<T> items, String skipToken, Integer totalFound) {

    public NetDocumentsPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean hasNext() {
        return skipToken != null;
    }
}
