/**
 * iManage Work, the documents capability's adapter: the sync crawl API read from saved cursors
 * ({@link org.matterhub.routes.documents.imanage.ImanageDocumentSync}), version downloads, client uploads filed with
 * a marker in the profile comment, decisions written to a profile field, and the connect flow. Speaks Work API v2
 * through {@code connectors/…/imanage} (OAuth 2.0 authorization code against the firm's own server; the connector
 * definition in {@code shared/vendor-contracts/imanage}, documented at https://help.imanage.com). Translation into
 * canonical records is {@code mappings/…/imanage}.
 */
package org.matterhub.routes.documents.imanage;
