package org.matterhub.simulators.xero;

import com.fasterxml.jackson.databind.JsonNode;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.XmlBody;

import java.util.Map;
import java.util.Set;

/**
 * The accounting API's XML, which Xero answers unless the request sends {@code Accept: application/json}
 * ("JSON formatted responses are also supported by setting the Accept value in the http header to application/json",
 * developer.xero.com/documentation/api/requests-and-responses): {@code <Response><Id>…</Id><Status>OK</Status>…
 * <Invoices><Invoice>…</Invoice></Invoices></Response>}, and a validation error as
 * {@code <ApiException><ErrorNumber>10</ErrorNumber>…</ApiException>} (both as developer.xero.com/documentation/api/
 * http-response-codes shows them, {@code Content-Type: text/xml; charset=utf-8}). Deliberately simplified ({@link XmlBody}):
 * values keep their JSON spelling (dates as {@code /Date(…)/}), validation elements are {@code <DataContractBase>}
 * without {@code xsi:type}. Problem bodies (401, 403, 404, 429, 5xx) stay JSON.
 */
final class XeroXml {

    /** As Xero's "HTTP Response Codes" page shows its XML answers. */
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private static final Map<String, String> ITEMS = Map.of("Tracking", "TrackingCategory",
            "Elements", "DataContractBase", "Addresses", "Address");
    private static final XmlBody.Style STYLE = new XmlBody.Style(null, Set.of(), null,
            name -> ITEMS.getOrDefault(name, name.endsWith("s") ? name.substring(0, name.length() - 1) : name));

    private XeroXml() {
    }

    /** Whether this answer goes out as XML: an accounting answer (success or validation error) not asked as JSON. */
    static boolean applies(SimExchange ex, int status, Object body) {
        boolean accounting = ex.path().startsWith(XeroSimulator.ACCOUNTING_PREFIX + "/");
        boolean validation = status == 400 && body instanceof Map<?, ?> m && m.containsKey("ErrorNumber");
        return accounting && (status / 100 == 2 || validation) && !XmlBody.wantsJson(ex);
    }

    static byte[] render(int status, Object body) {
        JsonNode tree = Json.mapper().valueToTree(body);
        return XmlBody.render(status == 400 ? "ApiException" : "Response", tree, STYLE);
    }
}
