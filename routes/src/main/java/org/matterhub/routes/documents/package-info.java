/**
 * The documents capability (iManage Work, NetDocuments), vendor-neutral: the scheduled poll and reconciliation of
 * every DMS connection ({@link org.matterhub.routes.documents.DmsSyncService}, {@link
 * org.matterhub.routes.documents.DmsInboundRoute}), applying canonical profiles to the portal store ({@link
 * org.matterhub.routes.documents.DmsDocumentApplier}), copying published bytes ({@link
 * org.matterhub.routes.documents.DocumentContentFetcher}), filing client uploads ({@link
 * org.matterhub.routes.documents.DmsUploadHandler}) and writing client decisions back ({@code document.action}:
 * {@link org.matterhub.routes.documents.DocumentActionHandler} dispatches to a {@link
 * org.matterhub.routes.documents.DecisionWriter} — the DMS profile field through {@link
 * org.matterhub.routes.documents.DmsDecisionWriter}, the Clio matter note through {@code
 * routes.practice.clio.ClioDecisionNoteWriter} — with the texts and markers of {@link
 * org.matterhub.routes.documents.DecisionTexts}).
 *
 * <p>What differs between vendors is a port, implemented in {@code routes.documents.imanage} and {@code
 * routes.documents.netdocuments} and found through {@link org.matterhub.routes.vendor.VendorRegistry}: {@link
 * org.matterhub.routes.documents.DocumentSync}, {@link org.matterhub.routes.documents.ContentSource}, {@link
 * org.matterhub.routes.documents.UploadFiler}, {@link org.matterhub.routes.documents.ProfileDecisionWriter} and
 * {@link org.matterhub.routes.documents.DmsConnect}. No class here tests a vendor's name.
 */
package org.matterhub.routes.documents;
