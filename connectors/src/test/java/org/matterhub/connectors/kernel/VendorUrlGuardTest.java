package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.connectors.imanage.ImanageProperties;
import org.matterhub.connectors.kernel.VendorUrlException.Reason;
import org.matterhub.connectors.netdocuments.NetDocumentsProperties;

/** The SSRF attacks on a firm admin's vendor URL, each refused; the vendors' own hosts accepted. */
class VendorUrlGuardTest {

    /** A DNS the test controls: these names, and nothing else, resolve. */
    static VendorUrlGuard.Resolver dns(Map<String, String> names) {
        return host -> {
            String ip = names.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        };
    }

    static final Map<String, String> PUBLIC_DNS = Map.of(
            "app.clio.com", "52.22.1.10", "eu.app.clio.com", "52.22.1.11",
            "acme.cloudimanage.com", "20.40.1.1", "cloudimanage.com", "20.40.1.2",
            "api.eu.netdocuments.com", "13.69.1.1", "api.vault.netvoyage.com", "13.69.1.2",
            // a vendor-looking name an attacker points at the metadata service or the loopback
            "ca.app.clio.com", "169.254.169.254", "au.app.clio.com", "10.0.0.5",
            "evil.cloudimanage.com", "127.0.0.1");

    final VendorUrlGuard strict = new VendorUrlGuard(false, dns(PUBLIC_DNS));
    final VendorUrlGuard demo = new VendorUrlGuard(true, dns(PUBLIC_DNS));

    @Test
    void theVendorsPublishedHostsPass() {
        assertThat(strict.check("https://app.clio.com", ClioProperties.HOSTS).getHost()).isEqualTo("app.clio.com");
        assertThat(strict.check("https://EU.app.clio.com/", ClioProperties.HOSTS)).isNotNull();
        assertThat(strict.check("https://acme.cloudimanage.com", ImanageProperties.HOSTS)).isNotNull();
        assertThat(strict.check("https://cloudimanage.com", ImanageProperties.HOSTS)).isNotNull();
        assertThat(strict.check("https://api.eu.netdocuments.com", NetDocumentsProperties.HOSTS)).isNotNull();
        assertThat(strict.check("https://api.vault.netvoyage.com", NetDocumentsProperties.HOSTS)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://localhost@169.254.169.254/",
            "https://app.clio.com@169.254.169.254/",
            "https://user:pw@app.clio.com/"})
    void userInfoIsRefused(String url) {
        assertRefused(strict, url, Reason.USERINFO);
        assertRefused(demo, url, Reason.USERINFO);
    }

    @Test
    void aLoopbackLookalikeNameIsNotLoopback() {
        assertRefused(strict, "http://127.0.0.1.evil.tld", Reason.NOT_HTTPS);
        assertRefused(demo, "http://127.0.0.1.evil.tld", Reason.NOT_HTTPS);
        assertRefused(demo, "https://127.0.0.1.evil.tld", Reason.HOST_NOT_PUBLISHED);
    }

    @Test
    void aVendorHostAsAPrefixIsNotTheVendorsHost() {
        assertRefused(strict, "https://app.clio.com.evil.tld", Reason.HOST_NOT_PUBLISHED);
        assertRefused(strict, "https://evilapp.clio.com", Reason.HOST_NOT_PUBLISHED);
        assertRefused(strict, "https://a.b.cloudimanage.com", Reason.HOST_NOT_PUBLISHED);
        assertRefused(strict, "https://evil-cloudimanage.com", Reason.HOST_NOT_PUBLISHED);
    }

    @Test
    void aFragmentCannotHideTheRealHost() {
        assertRefused(strict, "https://evil.tld#@app.clio.com", Reason.QUERY_OR_FRAGMENT);
        assertRefused(strict, "https://evil.tld?@app.clio.com", Reason.QUERY_OR_FRAGMENT);
        assertRefused(strict, "https://evil.tld\\@app.clio.com", Reason.MALFORMED);
    }

    @Test
    void loopbackLiteralsAreRefusedOutsideTheDemo() {
        assertRefused(strict, "https://[::1]/", Reason.HOST_NOT_PUBLISHED);
        assertRefused(strict, "http://[::1]:8091/", Reason.NOT_HTTPS);
        assertRefused(strict, "http://127.0.0.1:8091", Reason.NOT_HTTPS);
        assertRefused(strict, "https://127.0.0.1", Reason.HOST_NOT_PUBLISHED);
        assertRefused(strict, "https://localhost", Reason.HOST_NOT_PUBLISHED);
        // the demo's simulators
        assertThat(demo.check("http://127.0.0.1:8091", ClioProperties.HOSTS).getPort()).isEqualTo(8091);
        // the allowance is the simulators' 127.0.0.1 only
        assertRefused(demo, "http://[::1]:8091", Reason.NOT_HTTPS);
        assertRefused(demo, "https://[::1]/", Reason.HOST_NOT_PUBLISHED);
        assertRefused(demo, "http://127.0.0.2:8091", Reason.NOT_HTTPS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "https://2130706433/", "https://0x7f000001/", "https://017700000001/",
            "https://0x7f.1/"})
    void numericHostFormsAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(url, ClioProperties.HOSTS)).isInstanceOf(VendorUrlException.class);
        assertThatThrownBy(() -> demo.check(url, ClioProperties.HOSTS)).isInstanceOf(VendorUrlException.class);
    }

    @Test
    void aPublishedNameResolvingToAPrivateAddressIsRefused() {
        assertRefused(strict, "https://ca.app.clio.com", Reason.PRIVATE_ADDRESS);
        assertRefused(strict, "https://au.app.clio.com", Reason.PRIVATE_ADDRESS);
        assertRefused(strict, "https://evil.cloudimanage.com", Reason.PRIVATE_ADDRESS);
        // the demo allowance is for loopback literals, not for names resolving to private addresses
        assertRefused(demo, "https://ca.app.clio.com", Reason.PRIVATE_ADDRESS);
        assertRefused(demo, "https://au.app.clio.com", Reason.PRIVATE_ADDRESS);
    }

    @Test
    void otherSchemesPortsAndGarbageAreRefused() {
        assertRefused(strict, "ftp://app.clio.com", Reason.MALFORMED);
        assertRefused(strict, "file:///etc/passwd", Reason.MALFORMED);
        assertRefused(strict, "app.clio.com", Reason.MALFORMED);
        assertRefused(strict, "https://app.clio.com:8443", Reason.PORT);
        assertRefused(strict, "https://", Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
            "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1"})
    void nonPublicAddressesAreNotPublic(String ip) throws Exception {
        assertThat(VendorUrlGuard.isPublic(InetAddress.getByName(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"52.22.1.10", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String ip) throws Exception {
        assertThat(VendorUrlGuard.isPublic(InetAddress.getByName(ip))).isTrue();
    }

    @Test
    void theTunnelConnectsOnlyToTheAddressItChecked() throws Exception {
        // a name whose first answer is public and every later one the loopback: a rebinding DNS
        AtomicInteger lookups = new AtomicInteger();
        VendorUrlGuard.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "52.22.1.10" : "127.0.0.1")};
        VendorUrlGuard guard = new VendorUrlGuard(false, rebinding);
        assertThat(guard.check("https://app.clio.com", ClioProperties.HOSTS)).isNotNull();
        try (PinnedHttp pinned = new PinnedHttp(guard, Duration.ofSeconds(2));
             ServerSocket inside = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // the connection's own resolution is checked again: the swapped address is refused
            assertThat(connect(pinned.port(), "app.clio.com:" + inside.getLocalPort())).startsWith("HTTP/1.1 403");
            assertThat(connect(pinned.port(), "127.0.0.1:" + inside.getLocalPort())).startsWith("HTTP/1.1 403");
            assertThat(connect(pinned.port(), "[::1]:" + inside.getLocalPort())).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void theTunnelReachesACheckedAddress() throws Exception {
        VendorUrlGuard guard = new VendorUrlGuard(true, dns(Map.of("sim.test", "127.0.0.1")));
        try (PinnedHttp pinned = new PinnedHttp(guard, Duration.ofSeconds(2));
             ServerSocket inside = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = inside.accept()) {
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the test fails on its own assertion
                }
            });
            server.start();
            String answer = connect(pinned.port(), "sim.test:" + inside.getLocalPort());
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("hello");
            server.join(2000);
        }
    }

    @Test
    void plainHttpNeverLeavesThroughTheTunnel() throws Exception {
        try (PinnedHttp pinned = new PinnedHttp(strict, Duration.ofSeconds(2))) {
            HttpResponse<Void> r = pinned.client().send(HttpRequest.newBuilder(URI.create("http://app.clio.com/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(pinned.proxySelector().select(URI.create("http://127.0.0.1:8091/"))).hasSize(1)
                    .allSatisfy(p -> assertThat(p.type()).isEqualTo(java.net.Proxy.Type.HTTP));
        }
        try (PinnedHttp pinned = new PinnedHttp(demo, Duration.ofSeconds(2))) {
            assertThat(pinned.proxySelector().select(URI.create("http://127.0.0.1:8091/")))
                    .isEqualTo(List.of(java.net.Proxy.NO_PROXY));
        }
    }

    private static String connect(int tunnelPort, String target) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnelPort)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void assertRefused(VendorUrlGuard guard, String url, Reason reason) {
        assertThatThrownBy(() -> guard.check(url, url.contains("cloudimanage") ? ImanageProperties.HOSTS : ClioProperties.HOSTS))
                .isInstanceOfSatisfying(VendorUrlException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageNotContaining("evil").hasMessageNotContaining("169.254");
    }
}
