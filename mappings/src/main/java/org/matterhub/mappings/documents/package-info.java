/**
 * The documents capability's canonical records and vendor-neutral rules: what a DMS reports about a document
 * ({@link org.matterhub.mappings.documents.DmsProfile}) and a workspace or folder
 * ({@link org.matterhub.mappings.documents.DmsContainer}), a firm's per-connection
 * {@link org.matterhub.mappings.documents.DmsSettings} (which profile fields carry client and matter numbers, how they
 * match the practice-management matter numbers, what makes a document a portal candidate, how DMS classes map to
 * portal categories), the {@link org.matterhub.mappings.documents.DmsMatterResolver} that applies them, and the
 * {@link org.matterhub.mappings.documents.DocumentCategory} vocabulary that is the same across matters and systems.
 * Each vendor's translation into these records lives in its own package ({@code mappings.imanage},
 * {@code mappings.netdocuments}).
 */
package org.matterhub.mappings.documents;
