/**
 * Wire-level simulator of the <b>NetDocuments REST API</b> ({@code /v1} and {@code /v2} paths side by
 * side), written from the NetDocuments Power Automate connector definition, which targets the real REST
 * host {@code api.vault.netvoyage.com} ({@code shared/vendor-contracts/netdocuments/apiDefinition.swagger.json}
 * and {@code apiProperties.json}), and {@code shared/vendor-contracts/VENDORS.md} §3. NetDocuments'
 * own API reference (support.netdocuments.com, article 205219850) needs a login.
 *
 * <p>Authentication: OAuth 2.0 authorization-code grant, authorize at {@code /neWeb2/OAuth.aspx} on the
 * region's web host, token and refresh at {@code POST /v1/OAuth} on the API host (client id and secret by
 * HTTP Basic or form fields); API calls carry {@code Authorization: Bearer}. Rate limit 100 calls per
 * 60 s per token by default (the figure NetDocuments' Power Platform connector documentation publishes).
 *
 * <p>Which behaviours are evidence and which are assumptions is listed in {@code simulators/README.md}.
 * Entry point: {@link org.matterhub.simulators.netdocuments.NetDocumentsSimulator}.
 */
package org.matterhub.simulators.netdocuments;
