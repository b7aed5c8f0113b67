package org.matterhub.connectors.clio;

import java.util.List;

/**
 * One page of a Clio index.
 *
 * @param records     the page's records, in {@code id} ascending order
 * @param nextPageUrl Clio's {@code meta.paging.next} (absolute URL with an opaque {@code page_token}), or
 *                    null on the last page; persist it as the cursor to resume a backfill
 */
public record ClioPage<T>(List<T> records, String nextPageUrl) {

    public ClioPage {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextPageUrl != null;
    }
}
