package org.matterhub.portal.problem;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hub's error plumbing in a real Tomcat with Spring MVC and Spring Security: every way a request can fail answers
 * RFC 9457 problem JSON with a stable type, and every 5xx leaves one log line and one count under its correlation id.
 * Requests go as raw bytes over a socket, since an HTTP client would normalise or refuse the junk.
 */
@SpringBootTest(classes = ProblemShapesTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
class ProblemShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "s3cr3t-hunter2";

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    /** Refused by Tomcat's connector (its HTML error page before) or by Spring Security's firewall. */
    @ParameterizedTest
    @ValueSource(strings = {"/probe/a%2Fb", "/probe/a%00b", "/probe/%zz", "/probe/%ff%fe", "/probe/a%c3",
            "/probe/a;b", "/probe/a;jsessionid=1", "/probe/%2e%2e/ok", "/probe/%2e", "/probe/a%25b", "/probe/a%0d%0ab",
            "/probe/a%0ab", "/probe/../probe/ok", "/probe/./ok", "/probe//ok", "/probe/a%5cb", "/probe/a\\b",
            "/probe/\u00ff", "/../../etc/passwd", "*"})
    void junkUrlsAreRefusedWithProblemJson(String target) throws Exception {
        RawHttp.Answer a = RawHttp.get(port, target);
        assertThat(a.status()).as(target + " → " + a.body()).isBetween(400, 499);
        assertProblem(a, a.status());
    }

    @Test
    void aControlCharacterOrSpaceInTheRequestLineAndOversizeHeadersAreProblems() throws Exception {
        for (String head : List.of("GET /probe/a\tb HTTP/1.1", "GET /probe/a b HTTP/1.1", "GET /probe/a\u0001b HTTP/1.1",
                "GET /probe/ok HTTP/1.1\r\nX-Big: " + "x".repeat(20_000), "GET /probe/ok HTTP/1.1\r\nBad Header: x",
                "GET /probe/ok HTTP/1.1\r\nX-Ctl: a\u0001b")) {
            RawHttp.Answer a = RawHttp.send(port, head, null);
            assertThat(a.status()).as(head.length() > 80 ? head.substring(0, 80) : head).isBetween(400, 499);
            assertProblem(a, a.status());
        }
    }

    @Test
    void springMvcErrorsHaveAStableTypeAndAreAlwaysJson() throws Exception {
        assertProblem(RawHttp.get(port, "/nowhere"), 404);
        assertProblem(RawHttp.send(port, "DELETE /probe/ok HTTP/1.1", null), 405);
        assertProblem(RawHttp.send(port, "GET /probe/ok HTTP/1.1\r\nAccept: application/xml", null), 406);
        assertProblem(RawHttp.send(port, "POST /probe/json HTTP/1.1\r\nContent-Type: application/xml",
                "<a/>".getBytes(StandardCharsets.UTF_8)), 415);
        assertProblem(RawHttp.send(port, "POST /probe/json HTTP/1.1\r\nContent-Type: application/json\r\nAccept: application/xml",
                "{\"a\":".getBytes(StandardCharsets.UTF_8)), 406);
        assertProblem(RawHttp.send(port, "POST /probe/json HTTP/1.1\r\nContent-Type: application/json",
                "{\"a\":".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(RawHttp.get(port, "/probe/param"), 400);
        JsonNode mismatch = assertProblem(RawHttp.get(port, "/probe/typed/not-a-uuid"), 400);
        assertThat(mismatch.get("detail").asText()).doesNotContain("UUID").doesNotContain("convert");
        assertProblem(RawHttp.get(port, "/error"), 404);
        assertThat(assertProblem(RawHttp.get(port, "/probe/405"), 405).get("type").asText())
                .isEqualTo("https://matterhub.dev/problems/method-not-allowed");
    }

    @Test
    void anIllegalArgumentsMessageStaysInTheHub() throws Exception {
        JsonNode p = assertProblem(RawHttp.get(port, "/probe/bad-argument"), 400);
        assertThat(p.get("detail").asText()).isEqualTo("A value in the request is not valid.");
    }

    @Test
    void textTheDatabaseCannotHoldIsTheCallersErrorAndAnyOtherIntegrityFailureIsOurs() throws Exception {
        assertThat(assertProblem(RawHttp.get(port, "/probe/nul"), 400).get("detail").asText()).contains("NUL");
        JsonNode p = assertProblem(RawHttp.get(port, "/probe/constraint"), 500);
        assertThat(p.get("correlationId").asText()).isNotBlank();
        assertOneErrorLine(p.get("correlationId").asText(), "DataIntegrityViolationException");
    }

    @Test
    void a5xxFromAControllerIsLoggedOnceAndCountedUnderTheCallersRequestId() throws Exception {
        double before = count("500", "internal-error");
        RawHttp.Answer a = RawHttp.send(port, "GET /probe/boom HTTP/1.1\r\nX-Request-Id: trace-4711", null);
        JsonNode p = assertProblem(a, 500);
        assertThat(p.get("correlationId").asText()).isEqualTo("trace-4711");
        assertThat(a.header("X-Request-Id")).isEqualTo("trace-4711");
        assertThat(a.body()).doesNotContain(SECRET).doesNotContain("IllegalStateException");
        assertThat(count("500", "internal-error")).isEqualTo(before + 1);
        assertOneErrorLine("trace-4711", "IllegalStateException");
    }

    @Test
    void a5xxFromAFilterIsAProblemReportedOnceWithAFreshIdWhenTheCallersIsNotAToken() throws Exception {
        double before = count("500", "internal-error");
        RawHttp.Answer a = RawHttp.send(port, "GET /probe/filter-boom HTTP/1.1\r\nX-Request-Id: <script> x", null);
        JsonNode p = assertProblem(a, 500);
        String id = p.get("correlationId").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(a.header("X-Request-Id")).isEqualTo(id);
        assertThat(count("500", "internal-error")).isEqualTo(before + 1);
        assertOneErrorLine(id, "IllegalStateException");
    }

    @Test
    void aSendErrorOf503IsAProblemWithACorrelationIdAndCounted() throws Exception {
        double before = count("503", "service-unavailable");
        JsonNode p = assertProblem(RawHttp.get(port, "/probe/unavailable"), 503);
        assertThat(p.get("correlationId").asText()).isNotBlank();
        assertThat(count("503", "service-unavailable")).isEqualTo(before + 1);
        assertOneErrorLine(p.get("correlationId").asText(), "none");
    }

    @Test
    void a4xxIsNeitherLoggedAsAnErrorNorCounted() throws Exception {
        double before = meters.find(ServerErrors.METER).counters().stream().mapToDouble(c -> c.count()).sum();
        assertProblem(RawHttp.get(port, "/probe/bad-argument"), 400);
        assertProblem(RawHttp.get(port, "/probe/%zz"), 400);
        assertThat(meters.find(ServerErrors.METER).counters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(before);
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    private void assertOneErrorLine(String id, String cause) {
        List<ILoggingEvent> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).as("ERROR lines, from any logger").hasSize(1);
        assertThat(errors.get(0).getLoggerName()).isEqualTo(ServerErrors.class.getName());
        String line = errors.get(0).getFormattedMessage();
        assertThat(line).contains("correlationId=" + id).contains(cause).doesNotContain(SECRET).doesNotContain("\n");
        assertThat(errors.get(0).getThrowableProxy()).isNull();
    }

    private double count(String status, String type) {
        var c = meters.find(ServerErrors.METER).tags("status", status, "type", type).counter();
        return c == null ? 0 : c.count();
    }

    static JsonNode assertProblem(RawHttp.Answer a, int status) throws IOException {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(a.body()).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(a.body());
        assertThat(p.get("type").asText()).startsWith("https://matterhub.dev/problems/");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(a.body()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("spring")
                .doesNotContainIgnoringCase("tomcat").doesNotContain("<html").doesNotContain("\tat ");
        return p;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
            EmbeddedWebServerFactoryCustomizerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    @Import({ProblemConfiguration.class, ProblemAdvice.class, ProblemErrorController.class, RequestIds.class,
            ServerErrors.class, Probe.class})
    static class App {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            return http.csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }

        /** A filter that fails: its exception leaves the filter chain and reaches the container. */
        @Bean
        OncePerRequestFilter failingFilter() {
            return new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    if (request.getRequestURI().equals("/probe/filter-boom")) {
                        throw new IllegalStateException("filter failed with " + SECRET);
                    }
                    chain.doFilter(request, response);
                }
            };
        }
    }

    @RestController
    static class Probe {

        @GetMapping(value = "/probe/ok", produces = "application/json")
        Map<String, String> ok() {
            return Map.of("ok", "yes");
        }

        @PostMapping(value = "/probe/json", consumes = "application/json", produces = "application/json")
        Map<String, Object> json(@RequestBody Map<String, Object> body) {
            return body;
        }

        @PostMapping("/probe/405")
        void onlyPost() {
        }

        @GetMapping("/probe/param")
        String param(@RequestParam int n) {
            return "n";
        }

        @GetMapping("/probe/typed/{id}")
        String typed(@PathVariable UUID id) {
            return id.toString();
        }

        @GetMapping("/probe/bad-argument")
        String badArgument() {
            throw new IllegalArgumentException("the database password is " + SECRET);
        }

        @GetMapping("/probe/nul")
        String nul() {
            throw new org.springframework.dao.DataIntegrityViolationException("select ... " + SECRET,
                    new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        }

        @GetMapping("/probe/constraint")
        String constraint() {
            throw new org.springframework.dao.DataIntegrityViolationException("duplicate key " + SECRET,
                    new java.sql.SQLException("duplicate key value violates unique constraint", "23505"));
        }

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("token " + SECRET + " went missing");
        }

        @GetMapping("/probe/unavailable")
        void unavailable(HttpServletResponse response) throws IOException {
            response.sendError(503, "pool " + SECRET + " exhausted");
        }
    }
}
