package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0}: ceiling {1} ms")
    @CsvSource({
            "1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 16000", "7, 30000", "8, 30000",
            "40, 30000", "64, 30000", "1000, 30000", "2147483647, 30000"})
    void ceilingDoublesUntilTheCap(int attempt, long ceilingMillis) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        assertThat(backoff.ceiling(attempt)).isEqualTo(Duration.ofMillis(ceilingMillis));
    }

    @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
    @CsvSource({
            "1, 0.0, 0", "1, 0.5, 250", "1, 0.999999, 499",
            "3, 0.25, 500", "10, 0.5, 15000", "10, 0.0, 0"})
    void fullJitterIsUniformBelowTheCeiling(int attempt, double random, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> random);
        assertThat(backoff.delay(attempt, Optional.empty()).toMillis()).isEqualTo(expectedMillis);
    }

    @Test
    void delaysStayWithinBoundsForManyRandomDraws() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), random::nextDouble);
        for (int attempt = 1; attempt <= 30; attempt++) {
            for (int i = 0; i < 200; i++) {
                Duration d = backoff.delay(attempt, Optional.empty());
                assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(backoff.ceiling(attempt));
            }
        }
    }

    @ParameterizedTest(name = "attempt {0}, random {1}, Retry-After {2}s -> {3} ms")
    @CsvSource({
            "1, 0.0, 5, 5000",        // jitter 0 < Retry-After
            "1, 0.9, 5, 5000",        // jitter 450 ms < Retry-After
            "8, 0.9, 5, 27000",       // jitter 27 s > Retry-After: the longer wins
            "8, 0.9, 120, 120000",    // Retry-After beyond the cap still wins
            "2, 0.5, 0, 500"})
    void neverShorterThanRetryAfter(int attempt, double random, long retryAfterSeconds, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> random);
        assertThat(backoff.delay(attempt, Optional.of(Duration.ofSeconds(retryAfterSeconds))).toMillis())
                .isEqualTo(expectedMillis);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThatThrownBy(() -> b.delay(0, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "30|PT30S",
            " 7 |PT7S",
            "0|PT0S",
            "-3|PT0S",
            "Thu, 01 Jan 2026 00:01:30 GMT|PT1M30S",
            "Wed, 31 Dec 2025 23:00:00 GMT|PT0S"})
    void retryAfterParsesSecondsAndHttpDates(String header, Duration expected) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.parse(header, now)).contains(expected);
    }

    @Test
    void retryAfterIgnoresGarbage() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse(" ", now)).isEmpty();
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
    }
}
