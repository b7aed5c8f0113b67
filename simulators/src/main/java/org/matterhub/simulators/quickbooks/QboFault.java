package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.Json;

import java.time.Instant;

/**
 * A QBO fault: HTTP status plus the {@code Fault} envelope of {@code IntuitRestServiceDef.xsd}
 * ({@code {"Fault":{"Error":[{"Message","Detail","code","element"}],"type":…},"time":…}}).
 *
 * <p>Authentication (401) and authorisation (403) failures are answered before the accounting service, in another
 * shape: the whole response object serialised with lowercase names, {@code fault.error[].message/detail/code/element},
 * {@code type} {@code AUTHENTICATION} (401) or {@code SERVICE} (403), and {@code time} in epoch milliseconds, beside
 * the response's other members as nulls and empty lists. Seen in production responses quoted in public issue threads
 * of QuickBooks client libraries (routablehq/python-quickbooks#250 for the 401, mcohen01/node-quickbooks#154 for the
 * 403); see simulators/README.md.
 */
final class QboFault extends RuntimeException {

    static final String VALIDATION = "ValidationFault";
    static final String SYSTEM = "SystemFault";
    static final String AUTHENTICATION = "AuthenticationFault";
    static final String AUTHORIZATION = "AuthorizationFault";
    /** The gateway's {@code type} values for 401 and 403. */
    static final String GATEWAY_AUTHENTICATION = "AUTHENTICATION";
    static final String GATEWAY_SERVICE = "SERVICE";

    final int status;
    final String type;
    final String code;
    final String detail;
    final String element;

    QboFault(int status, String type, String code, String message, String detail, String element) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.detail = detail;
        this.element = element;
    }

    static QboFault validation(String code, String message, String detail) {
        return new QboFault(400, VALIDATION, code, message, detail, null);
    }

    /** 610: the entity does not exist (or is deleted). */
    static QboFault notFound(String entity, String id) {
        return validation("610", "Object Not Found",
                "Object Not Found : Something you're trying to use has been made inactive. " + entity + " " + id);
    }

    /** 2020: a required field is missing. */
    static QboFault required(String field) {
        return new QboFault(400, VALIDATION, "2020", "Required param missing, need to supply the required value for the API",
                "Required parameter " + field + " is missing in the request", field);
    }

    /** 5010: the SyncToken sent is not the current one. */
    static QboFault stale(String entity, String id, String sent, String current) {
        return validation("5010", "Stale Object Error",
                "Stale Object Error : You and another user were working on the same thing. " + entity + " " + id
                        + ": SyncToken " + sent + " is not the current " + current);
    }

    /** 4000: the query cannot be parsed. */
    static QboFault query(String detail) {
        return validation("4000", "Error parsing query", "QueryParserError: " + detail);
    }

    static QboFault authentication(String detail) {
        return new QboFault(401, GATEWAY_AUTHENTICATION, "3200",
                "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, null);
    }

    static QboFault authorization(String detail) {
        return new QboFault(403, GATEWAY_SERVICE, "3100",
                "message=AuthorizationFailed; errorCode=003100; statusCode=403", detail, null);
    }

    static QboFault throttled(String detail) {
        return new QboFault(429, SYSTEM, "3001",
                "message=ThrottleExceeded; errorCode=003001; statusCode=429", detail, null);
    }

    static QboFault system(int status, String detail) {
        return new QboFault(status, SYSTEM, "10000", "An application error has occurred while processing your request",
                detail, null);
    }

    /** Whether Intuit's gateway answers this fault (401, 403) rather than the accounting service. */
    boolean fromGateway() {
        return GATEWAY_AUTHENTICATION.equals(type) || GATEWAY_SERVICE.equals(type);
    }

    ObjectNode body(Instant now) {
        return fromGateway() ? gatewayBody(now) : serviceBody(now);
    }

    private ObjectNode gatewayBody(Instant now) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putNull("warnings");
        root.putNull("intuitObject");
        ObjectNode fault = root.putObject("fault");
        ObjectNode e = fault.putArray("error").addObject();
        e.put("message", getMessage());
        e.put("detail", detail);
        e.put("code", code);
        e.putNull("element");
        fault.put("type", type);
        root.putNull("report");
        root.putNull("queryResponse");
        root.putArray("batchItemResponse");
        root.putArray("attachableResponse");
        root.putNull("syncErrorResponse");
        root.putNull("requestId");
        root.put("time", now.toEpochMilli());
        root.putNull("status");
        root.putArray("cdcresponse");
        return root;
    }

    /** The service's {@code Fault} envelope (also the XML shape of the gateway's faults). */
    ObjectNode serviceBody(Instant now) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode fault = root.putObject("Fault");
        ArrayNode errors = fault.putArray("Error");
        ObjectNode e = errors.addObject();
        e.put("Message", getMessage());
        if (detail != null) {
            e.put("Detail", detail);
        }
        e.put("code", code);
        if (element != null) {
            e.put("element", element);
        }
        fault.put("type", type);
        root.put("time", QboTime.dateTime(now));
        return root;
    }
}
