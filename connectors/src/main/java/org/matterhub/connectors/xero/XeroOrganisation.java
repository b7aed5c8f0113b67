package org.matterhub.connectors.xero;

import java.util.UUID;

/**
 * The organisation an access token and {@code xero-tenant-id} reach, from {@code GET /Organisation} (XE-SPEC
 * {@code getOrganisations}).
 *
 * @param organisationId Xero's id of the organisation (the tenant id)
 * @param name           display name
 * @param legalName      legal name, if set
 * @param baseCurrency   ISO 4217 code of the organisation's currency, if Xero says
 * @param status         {@code ACTIVE} when the organisation can be used through the API
 */
public record XeroOrganisation(UUID organisationId, String name, String legalName, String baseCurrency,
                               String status) {
}
