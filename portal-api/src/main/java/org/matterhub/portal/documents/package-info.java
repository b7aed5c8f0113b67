/**
 * The portal side of documents (issue 3): what a client may list, read, download and search, what it may do about
 * a document (approve, request changes, close), and how firm staff publish and withdraw documents.
 *
 * <p>Visibility is decided by PostgreSQL row-level security (migrations V2 and V8), never by a filter here: every
 * read runs in {@code Tenancy.read/write(principal.scope(), …)}, and a document or version the caller may not see is
 * simply absent, answering 404 like one that never existed.
 *
 * <p>Binary content is read through the {@link org.matterhub.portal.documents.DocumentContentStore} service-provider
 * interface; the encrypted S3-backed implementation lives with the routes (which may depend on this module, not the
 * other way round). The DMS sync fills the same tables through
 * {@link org.matterhub.store.model.DocumentRepository}.
 */
package org.matterhub.portal.documents;
