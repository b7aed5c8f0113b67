package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.matterhub.simulators.common.XmlBody;

import java.util.Set;

/**
 * QuickBooks Online answers XML ({@code <IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="…">}) unless
 * the request accepts JSON; the devkit asks for JSON through its {@code message.response.serialization} setting. The
 * rendering follows IntuitRestServiceDef.xsd and Finance.xsd where it matters to a parser: the XSD's attributes
 * ({@code time}, {@code Fault/@type}, {@code Error/@code}, {@code Error/@element}, {@code QueryResponse/@startPosition},
 * {@code @maxResults}, {@code @totalCount}, an entity's {@code @domain}/{@code @sparse}/{@code @status}, a
 * reference's {@code @name}/{@code @type} with its value as text) and repeated elements for lists
 * ({@code <Line>…</Line><Line>…</Line>}). Deliberately simplified ({@link XmlBody}): element order is the JSON order,
 * not the XSD sequence. The gateway's 401/403 come in the service's {@code Fault} shape with {@code type}
 * {@code AUTHENTICATION}/{@code SERVICE}.
 */
final class QboXml {

    static final String NAMESPACE = "http://schema.intuit.com/finance/v3";
    private static final XmlBody.Style STYLE = new XmlBody.Style(NAMESPACE, Set.of("time", "requestId", "type",
            "code", "element", "startPosition", "maxResults", "totalCount", "domain", "sparse", "status", "name"),
            "value", null);

    private QboXml() {
    }

    /** A JSON answer of the API (entity, query, CDC or fault envelope) as {@code <IntuitResponse>}. */
    static byte[] render(JsonNode body) {
        return XmlBody.render("IntuitResponse", body, STYLE);
    }
}
