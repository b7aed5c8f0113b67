package org.matterhub.portal.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded issuer runs only in the demo profile on a loopback-only server without forwarded headers. */
class DemoIssuerGuardTest {

    private static StandardEnvironment env(String profile, String address, String forwarded) {
        StandardEnvironment env = new StandardEnvironment();
        if (profile != null) {
            env.setActiveProfiles(profile);
        }
        Map<String, Object> props = new HashMap<>();
        if (address != null) {
            props.put("server.address", address);
        }
        if (forwarded != null) {
            props.put("server.forward-headers-strategy", forwarded);
        }
        env.getPropertySources().addFirst(new MapPropertySource("test", props));
        return env;
    }

    @ParameterizedTest
    @CsvSource(value = {"127.0.0.1", "::1", "localhost", "127.0.0.2"})
    void theDemoOnLoopbackMayRunIt(String address) {
        assertThatCode(() -> DemoIssuerGuard.check(env("demo", address, null))).doesNotThrowAnyException();
        assertThatCode(() -> DemoIssuerGuard.check(env("demo", address, "none"))).doesNotThrowAnyException();
    }

    @Test
    void anotherProfileMayNot() {
        assertThatThrownBy(() -> DemoIssuerGuard.check(env("prod", "127.0.0.1", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("matterhub.auth.embedded-issuer=true is for the demo")
                .hasMessageContaining("'demo' profile is not active");
        assertThatThrownBy(() -> DemoIssuerGuard.check(env(null, "127.0.0.1", null)))
                .hasMessageContaining("'demo' profile is not active");
    }

    @ParameterizedTest
    @CsvSource(value = {"0.0.0.0", "10.1.2.3", "::", "no-such-host.invalid"})
    void aServerListeningBeyondLoopbackMayNot(String address) {
        assertThatThrownBy(() -> DemoIssuerGuard.check(env("demo", address, null)))
                .hasMessageContaining("is not a loopback address");
    }

    @Test
    void aServerOnEveryInterfaceMayNot() {
        assertThatThrownBy(() -> DemoIssuerGuard.check(env("demo", null, null)))
                .hasMessageContaining("server.address is not set");
    }

    @ParameterizedTest
    @CsvSource(value = {"native", "framework"})
    void forwardedHeaderProcessingMayNot(String strategy) {
        assertThatThrownBy(() -> DemoIssuerGuard.check(env("demo", "127.0.0.1", strategy)))
                .hasMessageContaining("server.forward-headers-strategy is " + strategy);
    }
}
