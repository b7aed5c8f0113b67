package org.matterhub.connectors.quickbooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <Fault type="…"><Error code="…"><Message/><Detail/></Error></Fault>} of an XML answer (IntuitRestServiceDef.xsd;
 * Intuit's error-codes page), which QBO sends when the request did not accept JSON: the PDF download.
 */
final class QboXmlFault {

    private QboXmlFault() {
    }

    static boolean isXml(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }

    /** {type, code, Message, Detail} of the first error; nulls where absent. */
    static String[] read(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList faults = f.newDocumentBuilder().parse(new ByteArrayInputStream(body))
                    .getElementsByTagNameNS("*", "Fault");
            if (faults.getLength() == 0) {
                throw new IOException("no Fault element");
            }
            Element fault = (Element) faults.item(0);
            NodeList errors = fault.getElementsByTagNameNS("*", "Error");
            Element error = errors.getLength() == 0 ? null : (Element) errors.item(0);
            return new String[] {attribute(fault, "type"), error == null ? null : attribute(error, "code"),
                child(error, "Message"), child(error, "Detail")};
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not an XML fault", e);
        }
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static String child(Element e, String name) {
        if (e == null) {
            return null;
        }
        NodeList l = e.getElementsByTagNameNS("*", name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }
}
