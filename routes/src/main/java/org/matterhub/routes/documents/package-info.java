/**
 * Client decisions on documents (approve, request changes, close) on their way back to the systems of record: the
 * {@code document.action} outbox handler, which dispatches by the vendor of the row's connection to a
 * {@link org.matterhub.routes.documents.DecisionWriter} (DMS profile field: {@code routes.dms.DmsDecisionWriter};
 * Clio matter note: {@code routes.practice.clio.ClioDecisionNoteWriter}), and the texts and markers that make each write
 * recognisable on a retry ({@link org.matterhub.routes.documents.DecisionTexts}).
 */
package org.matterhub.routes.documents;
