/**
 * NetDocuments → canonical records: document profiles (standard and custom attributes, version history) to
 * {@link org.matterhub.mappings.documents.DmsProfile}s, workspaces and folders to
 * {@link org.matterhub.mappings.documents.DmsContainer}s. Speaks the REST API v1/v2 shapes of
 * {@code shared/vendor-contracts/netdocuments} as {@code connectors/…/netdocuments} decodes them (response fields the
 * spec leaves out follow the simulator). Pure functions, checked against golden fixtures in
 * {@code src/test/resources/golden/netdocuments}.
 */
package org.matterhub.mappings.netdocuments;
