package org.matterhub.connectors.quickbooks;

import java.time.Instant;

/**
 * A change-data-capture window starts further back than QBO keeps changes (30 days, VENDORS.md §4.4). Nothing
 * was sent. The caller must re-read the realm with a full query backfill ({@link QboClient#invoices} and the
 * other paged reads) and restart CDC from the backfill's start time.
 */
public class QboCdcLookBackExceededException extends IllegalArgumentException {

    private final Instant since;
    private final Instant oldestAllowed;

    public QboCdcLookBackExceededException(Instant since, Instant oldestAllowed) {
        super("QuickBooks CDC looks back at most 30 days: changedSince " + since + " is before " + oldestAllowed
                + "; run a full query backfill instead and resume CDC from its start time");
        this.since = since;
        this.oldestAllowed = oldestAllowed;
    }

    public Instant since() {
        return since;
    }

    public Instant oldestAllowed() {
        return oldestAllowed;
    }
}
