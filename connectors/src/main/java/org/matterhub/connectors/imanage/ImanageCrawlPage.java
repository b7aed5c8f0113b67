package org.matterhub.connectors.imanage;

import java.util.List;

/**
 * One page of a sync crawl ({@code POST …/sync/{documents|folders|workspaces}/crawl}, IM-DF).
 *
 * @param rows    the page's rows, in iManage's change order
 * @param cursor  the position after the last row: pass it to the next call; persist it after the page is
 *                applied (in the same transaction) so an incremental crawl resumes exactly there. Never null
 *                once the crawl has had a cursor; null only when a crawl from the start found nothing.
 * @param hasMore whether another page follows now ({@code rows.size() == limit} and a cursor was returned);
 *                when false the crawl is caught up and {@code cursor} is the incremental cursor to keep
 */
public record ImanageCrawlPage<T>(List<T> rows, String cursor, boolean hasMore) {

    public ImanageCrawlPage {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
