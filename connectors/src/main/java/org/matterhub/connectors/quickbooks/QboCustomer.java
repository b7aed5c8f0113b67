package org.matterhub.connectors.quickbooks;

import java.time.Instant;

/**
 * A QBO {@code Customer}: a client, or (with {@code job} and a {@code parentId}) a sub-customer, which is how a
 * firm usually models a matter (VENDORS.md §4.2).
 *
 * @param id          {@code Id}
 * @param syncToken   {@code SyncToken}
 * @param displayName {@code DisplayName}, unique across customers, vendors and employees
 * @param companyName {@code CompanyName}, or null
 * @param email       {@code PrimaryEmailAddr.Address}, or null
 * @param acctNum     {@code AcctNum}, or null
 * @param parentId    {@code ParentRef.value}, null for a top-level customer
 * @param job         {@code Job}
 * @param active      {@code Active}
 * @param currency    {@code CurrencyRef.value}, e.g. {@code USD}
 * @param lastUpdated {@code MetaData.LastUpdatedTime}
 */
public record QboCustomer(String id, String syncToken, String displayName, String companyName, String email,
                          String acctNum, String parentId, boolean job, boolean active, String currency,
                          Instant lastUpdated) {
}
