package org.matterhub.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.canonical.SourceSystem;

/**
 * One room per vendor (issue 9): a vendor is chosen only in {@code routes.vendor}'s registry; no vendor's package
 * reaches into another vendor's; the capability flows, the engine and the HTTP endpoints never name a vendor, not even
 * in a request-mapping path; the API contract names the vendors the registry serves; the connectors use neither
 * Spring nor Camel; and no package cycle ties the modules' packages together.
 */
class VendorRoomsTest {

    /** Every vendor package name, today's and the announced ones. */
    static final List<String> VENDORS = List.of("clio", "imanage", "netdocuments", "quickbooks", "xero", "google",
            "microsoft", "docusign");

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.matterhub");
    }

    static Stream<String> vendors() {
        return VENDORS.stream();
    }

    static String[] otherVendorPackages(String vendor) {
        return VENDORS.stream().filter(v -> !v.equals(vendor)).map(v -> "org.matterhub.." + v + "..").toArray(String[]::new);
    }

    static String[] allVendorPackages() {
        return VENDORS.stream().map(v -> "org.matterhub.." + v + "..").toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void noVendorPackageImportsAnotherVendors(String vendor) {
        noClasses().that().resideInAPackage("org.matterhub.." + vendor + "..")
                .and().resideOutsideOfPackage("org.matterhub.simulators..")
                .should().dependOnClassesThat().resideInAnyPackage(otherVendorPackages(vendor))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void capabilityFlowsEngineAndEndpointsNameNoVendor() {
        noClasses().that().resideInAPackage("org.matterhub.routes..")
                .and().resideOutsideOfPackages(allVendorPackages())
                .should().dependOnClassesThat().resideInAnyPackage(allVendorPackages())
                .check(classes);
    }

    @Test
    void flowsEndpointsAndTheStoreUseNoVendorsSourceSystemConstant() {
        List<String> offenders = new ArrayList<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            boolean flowOrEdge = pkg.startsWith("org.matterhub.routes") || pkg.startsWith("org.matterhub.portal")
                    || pkg.startsWith("org.matterhub.store");
            if (!flowOrEdge || pkg.startsWith("org.matterhub.routes.vendor")
                    || VENDORS.stream().anyMatch(v -> pkg.matches(".*\\." + v + "(\\..*)?"))) {
                continue;
            }
            c.getFieldAccessesFromSelf().stream()
                    .filter(a -> a.getTarget().getOwner().isEquivalentTo(SourceSystem.class))
                    .filter(a -> VENDORS.contains(a.getTarget().getName().toLowerCase()))
                    .forEach(a -> offenders.add(a.getDescription()));
        }
        assertThat(offenders).as("vendor constants used outside the vendors' rooms and the registry").isEmpty();
    }

    @Test
    void connectorsUseNeitherSpringNorCamel() {
        noClasses().that().resideInAPackage("org.matterhub.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .check(classes);
    }

    @Test
    void packagesOfTheHubFormNoCycle() {
        slices().matching("org.matterhub.(*).(*)..").should().beFreeOfCycles().check(classes);
    }

    /** String comparisons with a vendor's id are conditionals on a vendor too; ArchUnit cannot see literals. */
    @Test
    void noConditionalOnAVendorsNameOutsideTheRegistryAndTheVendorsRooms() throws IOException {
        Pattern conditional = Pattern.compile("\"(" + String.join("|", VENDORS) + ")\"\\s*\\.equals"
                + "|\\.equals\\(\\s*\"(" + String.join("|", VENDORS) + ")\"\\s*\\)"
                + "|case\\s+\"(" + String.join("|", VENDORS) + ")\""
                + "|[A-Z_]*(" + String.join("|", VENDORS).toUpperCase() + ")[A-Z_]*\\s*\\.equals\\("
                + "|[=!]=\\s*SourceSystem\\.|SourceSystem\\.[A-Z]+\\s*[=!]=", Pattern.CASE_INSENSITIVE);
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        for (String module : List.of("connectors", "mappings", "store", "routes", "portal-api", "config", "demo")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String rel = src.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith("org/matterhub/routes/vendor/")
                            || VENDORS.stream().anyMatch(v -> rel.contains("/" + v + "/"))) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = conditional.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(module + "/" + rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        assertThat(found).as("conditionals on a vendor's name outside the registry and the vendors' own rooms").isEmpty();
    }

    /** A vendor's id as a word of a request-mapping path: a literal segment or an alternative of a pattern. */
    static final Pattern VENDOR_IN_PATH = Pattern.compile("(?i)(^|[^a-z0-9])(" + String.join("|", VENDORS)
            + ")([^a-z0-9]|$)");

    /**
     * No request mapping outside the registry names a vendor ({@code /webhooks/{vendor:quickbooks|xero}},
     * {@code /oauth/callback/clio}): endpoints take the vendor as a path variable and ask the registry, so a vendor
     * is added without touching them, and an unknown one is 404.
     */
    static ArchRule noRequestMappingNamesAVendor() {
        DescribedPredicate<JavaMethod> mapped = DescribedPredicate.describe("map requests",
                m -> !mappedPaths(m).isEmpty());
        return methods().that(mapped)
                .and().areDeclaredInClassesThat().resideOutsideOfPackages("org.matterhub.routes.vendor..",
                        "org.matterhub.simulators..")
                .should(new ArchCondition<JavaMethod>("map no path that names a vendor") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        for (String path : mappedPaths(m)) {
                            if (VENDOR_IN_PATH.matcher(path).find()) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " maps " + path));
                            }
                        }
                    }
                });
    }

    /** The paths a method maps, with its class's prefix: every Spring annotation that is a {@code @RequestMapping}. */
    static List<String> mappedPaths(JavaMethod m) {
        List<String> own = paths(m.getAnnotations());
        if (own.isEmpty()) {
            return own;
        }
        List<String> prefixes = paths(m.getOwner().getAnnotations());
        List<String> all = new ArrayList<>();
        for (String prefix : prefixes.isEmpty() ? List.of("") : prefixes) {
            own.forEach(path -> all.add(prefix + path));
        }
        return all;
    }

    private static List<String> paths(java.util.Set<? extends JavaAnnotation<?>> annotations) {
        List<String> paths = new ArrayList<>();
        for (JavaAnnotation<?> a : annotations) {
            JavaClass type = a.getRawType();
            if (!type.isEquivalentTo(RequestMapping.class) && !type.isAnnotatedWith(RequestMapping.class)) {
                continue;
            }
            boolean any = false;
            for (String attribute : List.of("value", "path")) {
                Object v = a.get(attribute).orElse(null);
                Object[] values = v instanceof Object[] array ? array : v == null ? new Object[0] : new Object[] {v};
                for (Object x : values) {
                    paths.add(String.valueOf(x));
                    any = true;
                }
            }
            if (!any) {
                paths.add("");
            }
        }
        return paths;
    }

    @Test
    void noRequestMappingNamesAVendorOutsideTheRegistry() {
        noRequestMappingNamesAVendor().check(classes);
    }

    /** The rule is not vacuous: today's vendor patterns of the old connect and webhook controllers break it. */
    @Test
    void theMappingRuleCatchesAVendorInAPattern() {
        JavaClasses offender = new ClassFileImporter().importClasses(ControllerNamingVendors.class);
        assertThatThrownBy(() -> noRequestMappingNamesAVendor().check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/webhooks/{vendor:quickbooks|xero}").hasMessageContaining("/oauth/callback/clio")
                .hasMessageContaining("/ops/v1/imanage/{id}").hasMessageNotContaining("/webhooks/{vendor}/{connectionId}");
    }

    /** Imported by the test above only. */
    @RequestMapping("/ops/v1")
    static final class ControllerNamingVendors {
        @PostMapping("/webhooks/{vendor:quickbooks|xero}")
        void billing() {
        }

        @GetMapping(path = "/oauth/callback/clio")
        void clio() {
        }

        @RequestMapping("/imanage/{id}")
        void ops() {
        }

        @PostMapping("/webhooks/{vendor}/{connectionId}")
        void neutral() {
        }
    }

    /**
     * The API contract names, per vendor-neutral endpoint, exactly the vendors whose rooms implement its port: the
     * connect and callback paths (literal or the {@code vendor} enum) the vendors with a connect adapter, the app-level
     * webhooks the accounting vendors' {@code BillingWebhooks}, the per-connection webhooks {@code ConnectionWebhooks}.
     */
    @Test
    void theContractNamesTheVendorsTheRegistryServes() throws IOException {
        Map<String, Object> paths;
        try (var in = VendorRoomsTest.class.getResourceAsStream("/static/api/v1/openapi.yaml")) {
            assertThat(in).as("the API contract on the classpath").isNotNull();
            Map<String, Object> contract = new org.yaml.snakeyaml.Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) contract.get("paths");
            paths = p;
        }
        Set<String> connect = contractVendors(paths, "/api/v1/admin/connections/", "");
        Set<String> callback = contractVendors(paths, "/oauth/callback/", "");
        Set<String> appWebhooks = contractVendors(paths, "/webhooks/", "");
        Set<String> connectionWebhooks = contractVendors(paths, "/webhooks/", "/{connectionId}");
        Set<String> connectAdapters = rooms(org.matterhub.routes.billing.BillingConnect.class,
                org.matterhub.routes.documents.DmsConnect.class, org.matterhub.routes.practice.PracticeConnect.class);
        assertThat(connectAdapters).as("vendors with a connect adapter").hasSize(5);
        assertThat(connect).as("connect paths of the contract").isEqualTo(connectAdapters);
        assertThat(callback).as("callback paths of the contract").isEqualTo(connectAdapters);
        assertThat(appWebhooks).as("app-level webhook paths of the contract")
                .isEqualTo(rooms(org.matterhub.routes.billing.BillingWebhooks.class)).isNotEmpty();
        assertThat(connectionWebhooks).as("per-connection webhook paths of the contract")
                .isEqualTo(rooms(org.matterhub.routes.vendor.ConnectionWebhooks.class)).isNotEmpty();
        java.util.stream.Stream.of(connect, appWebhooks, connectionWebhooks).flatMap(Set::stream)
                .forEach(v -> assertThat(SourceSystem.fromId(v)).as("vendor id %s", v).isPresent());
    }

    /** Vendors of the contract's paths {@code prefix + vendor + suffix}: literal ones and the {@code vendor} enum. */
    @SuppressWarnings("unchecked")
    static Set<String> contractVendors(Map<String, Object> paths, String prefix, String suffix) {
        Set<String> vendors = new java.util.TreeSet<>();
        for (var e : paths.entrySet()) {
            String path = e.getKey();
            if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
                continue;
            }
            String segment = path.substring(prefix.length(), path.length() - suffix.length());
            if (segment.equals("{vendor}")) {
                for (Object operation : ((Map<String, Object>) e.getValue()).values()) {
                    for (Object param : (List<Object>) ((Map<String, Object>) operation).getOrDefault("parameters", List.of())) {
                        Map<String, Object> p = (Map<String, Object>) param;
                        if ("vendor".equals(p.get("name"))) {
                            ((List<Object>) ((Map<String, Object>) p.get("schema")).get("enum"))
                                    .forEach(v -> vendors.add(String.valueOf(v)));
                        }
                    }
                }
            } else if (VENDORS.contains(segment)) {
                vendors.add(segment);
            }
        }
        return vendors;
    }

    /** The vendors whose rooms ({@code routes.<capability>.<vendor>}) hold a class implementing one of {@code ports}. */
    static Set<String> rooms(Class<?>... ports) {
        Set<String> vendors = new java.util.TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            String room = pkg.substring(pkg.lastIndexOf('.') + 1);
            if (!c.isInterface() && pkg.startsWith("org.matterhub.routes.") && VENDORS.contains(room)
                    && java.util.Arrays.stream(ports).anyMatch(c::isAssignableTo)) {
                vendors.add(room);
            }
        }
        return vendors;
    }
}
