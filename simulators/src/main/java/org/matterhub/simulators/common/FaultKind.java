package org.matterhub.simulators.common;

/** What a matching {@link FaultRule} does to a request. */
public enum FaultKind {
    /** Wait {@code latencyMillis}, then answer normally. Stacks with other rules. */
    LATENCY,
    /** Answer {@code status} (default 500) with the vendor's error body; the change is not applied. */
    SERVER_ERROR,
    /** Hold the request far longer than any client timeout, then drop the connection without answering. */
    TIMEOUT,
    /** Answer 429 with {@code Retry-After: retryAfterSeconds} and the vendor's error body. */
    RATE_LIMITED,
    /** Apply the change, then answer 200 with a body that is not JSON although it claims to be. */
    MALFORMED_BODY,
    /** Apply the change, then close the connection without sending any response. */
    LOST_RESPONSE
}
