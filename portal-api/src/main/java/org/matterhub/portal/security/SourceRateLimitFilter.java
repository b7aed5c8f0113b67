package org.matterhub.portal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.matterhub.portal.problem.ProblemWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the unauthenticated entry points — vendor webhooks ({@code /webhooks/**}) and OAuth callbacks
 * ({@code /oauth/callback/**}) — per source address: one Bucket4j bucket per address of
 * {@link EdgeProperties#callbackRequestsPerMinute}, refilled gradually, kept on this node in a Caffeine cache bounded in
 * size and idle time (a flood of fresh addresses evicts old buckets rather than growing the heap). A request over the
 * limit answers 429 problem JSON with {@code Retry-After} before anything reads its body. The source is the socket's
 * remote address ({@link HttpServletRequest#getRemoteAddr()}); behind a reverse proxy, configure the proxy as trusted
 * ({@code server.forward-headers-strategy=native} with Tomcat's internal proxies) so that it is the client's.
 */
@Component
public class SourceRateLimitFilter extends OncePerRequestFilter {

    private final Cache<String, Bucket> buckets;
    private final Bandwidth limit;

    public SourceRateLimitFilter(EdgeProperties edge) {
        this.buckets = Caffeine.newBuilder().maximumSize(edge.callbackSources())
                .expireAfterAccess(edge.callbackSourceIdle()).build();
        this.limit = Bandwidth.builder().capacity(edge.callbackRequestsPerMinute())
                .refillGreedy(edge.callbackRequestsPerMinute(), Duration.ofMinutes(1)).build();
    }

    /** Whether the request goes to an entry point limited per source. */
    static boolean limited(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/webhooks/") || path.startsWith("/oauth/callback/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limited(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.get(request.getRemoteAddr(), k -> Bucket.builder().addLimit(limit).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.setHeader("Connection", "close");
            ProblemWriter.write(response, 429, "Too many requests", "Too many requests from this address; try again in "
                    + seconds + " s.");
            return;
        }
        chain.doFilter(request, response);
    }
}
