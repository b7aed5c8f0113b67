package org.matterhub.simulators.quickbooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * QuickBooks Online answers XML unless the request accepts JSON (Intuit's error-codes page shows the {@code <Fault>}
 * XML; the devkit asks for JSON only through its {@code message.response.serialization} setting, see
 * simulators/README.md). Fault envelopes and the count query are validated against Intuit's XSDs; entity XML is the
 * simulator's simplified rendering (element order is not the XSD sequence) and is checked for its structure.
 */
class QboXmlTest {

    private static final Schema INTUIT = schema();
    private final HttpClient http = HttpClient.newHttpClient();
    private QboSimulator qbo;
    private QboDemoSeed seed;
    private String token;

    @BeforeEach
    void start() {
        qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        qbo.registerApp("matterhub", "s3cret");
        seed = qbo.seedDemoRealm();
        token = qbo.issueToken("matterhub", seed.realmId());
    }

    @AfterEach
    void stop() {
        qbo.close();
    }

    @Test
    void entitiesComeAsXmlUnlessJsonIsAccepted() throws Exception {
        HttpResponse<String> xml = get("/invoice/" + seed.paidInvoiceIds().get(0), null, token);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        Document doc = parse(xml.body());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("IntuitResponse");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(QboXml.NAMESPACE);
        assertThat(doc.getDocumentElement().getAttribute("time")).isNotBlank();
        assertThat(xpath("count(/q:IntuitResponse/q:Invoice/q:Line)", doc)).isNotEqualTo("0");
        assertThat(xpath("/q:IntuitResponse/q:Invoice/q:CustomerRef/@name", doc)).isNotBlank();
        assertThat(xpath("/q:IntuitResponse/q:Invoice/q:CustomerRef", doc)).matches("\\d+");
        assertThat(xpath("/q:IntuitResponse/q:Invoice/@domain", doc)).isEqualTo("QBO");

        HttpResponse<String> json = get("/invoice/" + seed.paidInvoiceIds().get(0), "application/json", token);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        QboContract.validate(json.body());
    }

    @Test
    void faultsAndCountsValidateAgainstIntuitsXsd() throws Exception {
        HttpResponse<String> missing = get("/invoice/99999", "application/xml", token);
        assertThat(missing.statusCode()).isEqualTo(400);
        Document fault = valid(missing.body());
        assertThat(xpath("/q:IntuitResponse/q:Fault/@type", fault)).isEqualTo("ValidationFault");
        assertThat(xpath("/q:IntuitResponse/q:Fault/q:Error/@code", fault)).isEqualTo("610");

        HttpResponse<String> noToken = get("/customer/1", null, "not-a-token");
        assertThat(noToken.statusCode()).isEqualTo(401);
        Document auth = valid(noToken.body());
        assertThat(xpath("/q:IntuitResponse/q:Fault/@type", auth)).isEqualTo("AUTHENTICATION");
        assertThat(xpath("/q:IntuitResponse/q:Fault/q:Error/@code", auth)).isEqualTo("3200");

        qbo.setLimits(1, 0);
        get("/customer/1", "application/json", token);
        HttpResponse<String> throttled = get("/customer/1", null, token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(xpath("/q:IntuitResponse/q:Fault/q:Error/@code", valid(throttled.body()))).isEqualTo("3001");
        qbo.setLimits(0, 0);

        HttpResponse<String> count = get("/query?query=" + URLEncoder.encode("select count(*) from Customer",
                StandardCharsets.UTF_8), null, token);
        assertThat(xpath("/q:IntuitResponse/q:QueryResponse/@totalCount", valid(count.body()))).matches("\\d+");
    }

    @Test
    void theXsdCheckBites() {
        String wrong = "<?xml version=\"1.0\"?><IntuitResponse xmlns=\"" + QboXml.NAMESPACE + "\"><Fault>"
                + "<Error><Message>no code attribute</Message></Error></Fault></IntuitResponse>";
        assertThatThrownBy(() -> valid(wrong)).isInstanceOf(SAXException.class);
    }

    private HttpResponse<String> get(String path, String accept, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(qbo.apiBaseUrl() + "/" + seed.realmId() + path
                + (path.contains("?") ? "&" : "?") + "minorversion=75")).header("Authorization", "Bearer " + bearer);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document valid(String xml) throws Exception {
        INTUIT.newValidator().validate(new StreamSource(new StringReader(xml)));
        return parse(xml);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String xpath(String expression, Document doc) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "q".equals(prefix) ? QboXml.NAMESPACE : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String namespaceURI) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                return null;
            }
        });
        return (String) x.evaluate(expression, doc, XPathConstants.STRING);
    }

    private static Schema schema() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(
                    QboXmlTest.class.getClassLoader().getResource("contracts/quickbooks/IntuitRestServiceDef.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException("Intuit's XSDs do not load", e);
        }
    }
}
