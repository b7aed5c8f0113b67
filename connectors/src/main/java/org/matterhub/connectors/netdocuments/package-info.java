/**
 * Connector for the NetDocuments REST API ({@code /v1} paths, some {@code /v2}; plain {@code java.net.http}
 * + Jackson: NetDocuments ships no Java SDK). Facts and their sources: {@code shared/vendor-contracts/VENDORS.md} §3;
 * the operations follow NetDocuments' own connector definition
 * ({@code shared/vendor-contracts/netdocuments/apiDefinition.swagger.json}, ND-PP), against which the tests
 * validate every request this connector sends.
 *
 * <ul>
 *   <li><b>Hosts:</b> per region a web host (OAuth consent page) and an API host ({@code api.} + domain),
 *       {@link org.matterhub.connectors.netdocuments.NetDocumentsRegion}.</li>
 *   <li><b>Auth:</b> OAuth 2.0 authorization code: {@code GET {web}/neWeb2/OAuth.aspx}, {@code POST {api}/v1/OAuth}
 *       (HTTP Basic client authentication), {@code Authorization: Bearer} on calls. Access tokens expire after
 *       45–90 min of inactivity; an expired token gets 401 (NetDocuments REST API overview v20.16).
 *       {@link org.matterhub.connectors.netdocuments.NetDocumentsClient} refreshes on 401 once, single-flight,
 *       and persists the new tokens through {@link org.matterhub.connectors.kernel.TokenStore}
 *       before using them.</li>
 *   <li><b>Client/matter:</b> two lookup attributes of the cabinet ({@code wsOrgAttrNum} = client,
 *       {@code wsAttrNum} = matter); {@code GET /v1/Workspace/{cabinet}/{client}/{matter}/info} gets or creates
 *       the matter's workspace.</li>
 *   <li><b>Paging:</b> {@code /v2/container} with {@code top} (≤ 500) and {@code skiptoken}; lookup tables with
 *       {@code $top}/{@code $skip}.</li>
 *   <li><b>Incremental sync and deletions:</b> the repository activity log
 *       ({@code GET /v1/Repository/{repo}/log?start&end&format=json&Logtype}) lists creations, new versions,
 *       profile edits and deletions since a time. No webhooks are documented.</li>
 *   <li><b>Rate limits:</b> 100 calls per 60 s per connection by default (NetDocuments' connector page on
 *       Microsoft Learn); 429 with {@code Retry-After} pauses the connection's limiter.</li>
 *   <li><b>Content:</b> downloads stream ({@code Range} supported), uploads are streamed multipart bodies and new
 *       versions streamed raw bodies; neither holds a whole file in memory. Neither is idempotent: see
 *       {@link org.matterhub.connectors.netdocuments.NetDocumentsClient}.</li>
 * </ul>
 *
 * <p>Records here use NetDocuments' own field names; translation to the portal model lives in {@code mappings}.
 * Wire behaviour matches {@code simulators/…/netdocuments}.
 *
 * <p><b>Tokens</b> ({@link org.matterhub.connectors.kernel.OAuthTokenSet}): the access token is sent as {@code
 * Authorization: Bearer}; it lives about 45–90 minutes of inactivity and at most 24–48 hours after issue
 * (NetDocuments REST API overview); the refresh token is reused until revoked (the simulator does not rotate it;
 * unconfirmed).
 */
package org.matterhub.connectors.netdocuments;
