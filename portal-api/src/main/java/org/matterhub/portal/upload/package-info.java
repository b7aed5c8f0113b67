/**
 * Streaming inspection of client uploads before they are stored: {@link
 * org.matterhub.portal.upload.UploadInspector} reads the body once, checks name, declared type and content
 * (Apache Tika's magic detector plus hand-written structural checks of ZIP/OOXML/ODF, OLE2, PDF, images and
 * text), and either commits the staged bytes to an {@link org.matterhub.portal.upload.UploadSink} or tells
 * it to discard them. Dependencies: tika-core only; no document parser runs on client content.
 */
package org.matterhub.portal.upload;
