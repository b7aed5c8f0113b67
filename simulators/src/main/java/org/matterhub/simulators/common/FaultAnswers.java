package org.matterhub.simulators.common;

/**
 * How one vendor answers the faults that {@link SimulatorKit#applyFaults} injects: the error bodies of a simulated
 * server error and of a simulated throttle, in the vendor's shapes. {@code Retry-After} is set before
 * {@link #rateLimited} is called.
 */
public interface FaultAnswers {

    /** Answers a SERVER_ERROR fault with {@code status}. */
    void serverError(SimExchange ex, int status);

    /** Answers a RATE_LIMITED fault with 429 (the kit has set {@code Retry-After} already). */
    void rateLimited(SimExchange ex, int retryAfterSeconds);

    /** Called before a TIMEOUT fault holds the request (e.g. to free a concurrency slot). */
    default void beforeHold(SimExchange ex) {
    }

    /** Builds a vendor's error body from an error code and a message. */
    @FunctionalInterface
    interface ErrorBody {
        Object of(String code, String message);
    }

    /**
     * JSON answers {@code errorBody(serverErrorCode, "Simulated server error (503)")} and
     * {@code errorBody(throttledCode, "Rate limit exceeded; retry in N seconds")}.
     */
    static FaultAnswers json(ErrorBody errorBody, String serverErrorCode, String throttledCode) {
        return of((ex, status) -> ex.sendJson(status, errorBody.of(serverErrorCode,
                        "Simulated server error (" + status + ")")),
                (ex, retryAfter) -> ex.sendJson(429, errorBody.of(throttledCode,
                        "Rate limit exceeded; retry in " + retryAfter + " seconds")));
    }

    /** One answer: sends a response for a status (server error) or a {@code Retry-After} (throttle). */
    @FunctionalInterface
    interface Answer {
        void send(SimExchange ex, int value);
    }

    /** Answers from two functions. */
    static FaultAnswers of(Answer serverError, Answer rateLimited) {
        return new FaultAnswers() {
            @Override
            public void serverError(SimExchange ex, int status) {
                serverError.send(ex, status);
            }

            @Override
            public void rateLimited(SimExchange ex, int retryAfterSeconds) {
                rateLimited.send(ex, retryAfterSeconds);
            }
        };
    }
}
