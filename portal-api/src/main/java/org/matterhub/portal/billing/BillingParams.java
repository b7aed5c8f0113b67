package org.matterhub.portal.billing;

import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.model.InvoiceQueries.Cursor;
import org.springframework.http.HttpStatus;

/** Parsing of billing's path and query parameters into problems a person can act on. */
final class BillingParams {

    static final int MAX_LIMIT = 200;

    private BillingParams() {
    }

    /** An invoice id; anything that is not a UUID is an invoice that does not exist. */
    static UUID invoiceId(String id) {
        return ApiProblem.pathId(id, "Invoice");
    }

    static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid filter", name + " must be a UUID; got '" + value + "'.");
        }
    }

    static Cursor cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Cursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid cursor", e.getMessage()
                    + " Start again without a cursor.");
        }
    }

    static void limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit must be 1–" + MAX_LIMIT + ".");
        }
    }
}
