package org.matterhub.mappings.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.matterhub.mappings.billing.Money;

/**
 * Time a firm recorded against a matter, as the portal stores it. The practice-management system owns every field.
 *
 * @param externalId       the source system's id
 * @param matterExternalId the source system's id of the matter
 * @param hours            the time worked, in hours (exact decimal)
 * @param amount           what the entry bills (hours × rate), in minor units of its currency
 * @param billable         false when the firm marked it non-billable (shown, never billed)
 * @param billed           whether it is already on a bill
 */
public record CanonicalTimeEntry(
        String externalId,
        String matterExternalId,
        LocalDate date,
        BigDecimal hours,
        String description,
        String userName,
        boolean billable,
        boolean billed,
        Money amount,
        Instant sourceUpdatedAt,
        String etag) {

    /** Hash of the fields the portal shows; equal hashes mean nothing worth writing changed. */
    public String contentHash() {
        return ContentHash.of(matterExternalId, date, hours == null ? null : hours.stripTrailingZeros().toPlainString(),
                description, userName, billable, billed, amount.minorUnits(), amount.currency().getCurrencyCode());
    }
}
