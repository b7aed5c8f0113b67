package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.Json;

import java.time.Instant;

/**
 * A QBO fault: HTTP status plus the {@code Fault} envelope of {@code IntuitRestServiceDef.xsd}
 * ({@code {"Fault":{"Error":[{"Message","Detail","code","element"}],"type":…},"time":…}}).
 */
final class QboFault extends RuntimeException {

    static final String VALIDATION = "ValidationFault";
    static final String SYSTEM = "SystemFault";
    static final String AUTHENTICATION = "AuthenticationFault";
    static final String AUTHORIZATION = "AuthorizationFault";

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
        return new QboFault(401, AUTHENTICATION, "3200",
                "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, null);
    }

    static QboFault authorization(String detail) {
        return new QboFault(403, AUTHORIZATION, "3100",
                "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", detail, null);
    }

    static QboFault throttled(String detail) {
        return new QboFault(429, SYSTEM, "3001",
                "message=ThrottleExceeded; errorCode=003001; statusCode=429", detail, null);
    }

    static QboFault system(int status, String detail) {
        return new QboFault(status, SYSTEM, "10000", "An application error has occurred while processing your request",
                detail, null);
    }

    ObjectNode body(Instant now) {
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
