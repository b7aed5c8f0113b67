/**
 * Wire-level simulator of the <b>iManage Work API v2</b> (Work server {@code /work/api/v2}).
 * iManage publishes no public OpenAPI document; this simulator follows
 * {@code shared/vendor-contracts/VENDORS.md} §2: the profile field names of the iManage-published
 * Power Automate connector definition ({@code shared/vendor-contracts/imanage/apiDefinition.swagger.json},
 * definitions {@code FullDocumentProfile}, {@code FolderProfile}, {@code WorkspaceProfile}), iManage
 * product help on token settings (https://docs.imanage.com/), and third-party integration code for the
 * paths, discovery and the sync crawl API.
 *
 * <p>Authentication: OAuth 2.0 at {@code /auth/oauth2/authorize} and {@code /auth/oauth2/token}
 * (authorization-code, refresh-token and password grants); API calls carry {@code X-Auth-Token}.
 * Discovery: {@code GET /api}. Everything else lives under
 * {@code /work/api/v2/customers/{customerId}/libraries/{library}}. Responses use the {@code {"data":…}}
 * envelope; errors {@code {"error":{"code","message"}}} (an assumption).
 *
 * <p>Which behaviours are evidence and which are assumptions is listed in {@code simulators/README.md}.
 * Entry point: {@link org.matterhub.simulators.imanage.ImanageSimulator}.
 */
package org.matterhub.simulators.imanage;
