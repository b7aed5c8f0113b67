package org.matterhub.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

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
 * reaches into another vendor's; the capability flows, the engine and the HTTP endpoints never name a vendor; the
 * connectors use neither Spring nor Camel; and no package cycle ties the modules' packages together.
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
}
