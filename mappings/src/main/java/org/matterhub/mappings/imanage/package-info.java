/**
 * iManage Work → canonical records: crawl rows of documents (one per version, tombstones included) to
 * {@link org.matterhub.mappings.documents.DmsProfile}s, workspaces and folders to
 * {@link org.matterhub.mappings.documents.DmsContainer}s, document parents to placements. Speaks the Work API v2
 * field names of the connector definition (IM-PP, {@code shared/vendor-contracts/imanage}) as
 * {@code connectors/…/imanage} decodes them. Pure functions, checked against golden fixtures in
 * {@code src/test/resources/golden/imanage}.
 */
package org.matterhub.mappings.imanage;
