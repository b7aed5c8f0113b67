package org.matterhub.simulators.common;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The front of a vendor API, after OAuth and faults: refuses a caller without a valid token (401 in the vendor's
 * error shape, with {@code WWW-Authenticate} if the vendor sends one), counts the call against the
 * {@link RateGate}, runs the route and answers an {@link ApiError} with its status and body. With a
 * {@code badRequestCode}, a malformed JSON body or an {@link IllegalArgumentException} is a 400 too.
 *
 * @param rate             the per-caller limit
 * @param errors           the vendor's error body
 * @param unauthorizedCode error code of the 401
 * @param wwwAuthenticate  {@code WWW-Authenticate} on a 401, or {@code null}
 * @param badRequestCode   error code of a 400 for bad input, or {@code null} to let such failures through
 */
public record ApiGate(RateGate rate, FaultAnswers.ErrorBody errors, String unauthorizedCode, String wwwAuthenticate,
                      String badRequestCode) {

    /** A route behind the gate. */
    @FunctionalInterface
    public interface Route {
        void run() throws JsonProcessingException;
    }

    /**
     * Serves one call.
     *
     * @param rateKey the caller, or {@code null} when it is not authenticated
     * @param problem why the caller is not authenticated
     */
    public void serve(SimExchange ex, String rateKey, String problem, Route route) throws JsonProcessingException {
        if (rateKey == null) {
            rate.headersOnly(ex, "anonymous");
            if (wwwAuthenticate != null) {
                ex.responseHeader("WWW-Authenticate", wwwAuthenticate);
            }
            ex.sendJson(401, errors.of(unauthorizedCode, problem));
            return;
        }
        if (!rate.admit(ex, rateKey)) {
            return;
        }
        try {
            route.run();
        } catch (ApiError e) {
            ex.sendJson(e.status(), e.body());
        } catch (JsonProcessingException e) {
            if (badRequestCode == null) {
                throw e;
            }
            ex.sendJson(400, errors.of(badRequestCode, "Body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            if (badRequestCode == null) {
                throw e;
            }
            ex.sendJson(400, errors.of(badRequestCode, String.valueOf(e.getMessage())));
        }
    }
}
