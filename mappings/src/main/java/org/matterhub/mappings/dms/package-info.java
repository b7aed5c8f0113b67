/**
 * Document-management mappings shared by the iManage Work and NetDocuments routes: a firm's per-connection
 * {@link org.matterhub.mappings.dms.DmsSettings} (which profile fields carry client and matter numbers, how they
 * match the practice-management matter numbers, what makes a document a portal candidate, how DMS classes map to
 * portal categories), the {@link org.matterhub.mappings.dms.DmsMatterResolver} that applies them, and the
 * {@link org.matterhub.mappings.dms.DocumentCategory} vocabulary that is the same across matters and systems.
 */
package org.matterhub.mappings.dms;
