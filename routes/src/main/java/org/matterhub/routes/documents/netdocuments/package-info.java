/**
 * NetDocuments, the documents capability's adapter: backfill by cabinet lookup tables and workspace listings, then
 * the repository activity log ({@link org.matterhub.routes.documents.netdocuments.NetDocumentsDocumentSync}), version
 * downloads, client uploads recognised by name, size and hash, decisions written to a custom attribute, and the
 * connect flow. Speaks the REST API v1/v2 through {@code connectors/…/netdocuments} (OAuth 2.0 authorization code
 * against the region's host; the spec in {@code shared/vendor-contracts/netdocuments}, documented at
 * https://support.netdocuments.com). Translation into canonical records is {@code mappings/…/netdocuments}.
 */
package org.matterhub.routes.documents.netdocuments;
