package org.matterhub.config;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.mappings.billing.Money;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.mappings.billing.PaymentAmounts;

/**
 * The module arrows of DESIGN §2 and {@code docs/architecture.md}, checked on the production classes of every module
 * and, separately, on their test classes. Test code obeys the same arrows, except that a module whose Maven test scope
 * has the simulators (connectors, routes, config) may use them. Maven already refuses an arrow between modules that a
 * POM does not declare; these rules also hold the arrows inside a declared dependency (the portal uses the canonical
 * records of {@code mappings}, not its rules) and forbid cycles between packages.
 */
class ArchitectureTest {

    /** The modules built before this one, whose class folders are read from the reactor's file tree. */
    static final List<String> MODULES = List.of("connectors", "mappings", "store", "routes", "portal-api", "config",
            "simulators");

    /** Which classes a rule is checked on. */
    enum Code {
        MAIN("classes"), TESTS("test-classes");

        final String folder;

        Code(String folder) {
            this.folder = folder;
        }
    }

    static JavaClasses main;
    static JavaClasses tests;

    @BeforeAll
    static void load() {
        main = importFolders(Code.MAIN);
        tests = importFolders(Code.TESTS);
    }

    static JavaClasses importFolders(Code code) {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
        List<Path> folders = new ArrayList<>();
        for (String module : MODULES) {
            Path folder = root.resolve(module).resolve("target").resolve(code.folder);
            // A folder that is missing would make every rule below pass on nothing: refuse to check an empty house.
            assertThat(folder).as("%s of module %s (build the reactor first)", code.folder, module).isDirectory();
            folders.add(folder);
        }
        JavaClasses imported = new ClassFileImporter().importPaths(folders);
        assertThat(imported.stream().filter(c -> c.getPackageName().startsWith("org.matterhub.")).count())
                .as("classes of ours imported from %s", code.folder).isGreaterThan(code == Code.MAIN ? 300 : 100);
        return imported;
    }

    static JavaClasses of(Code code) {
        return code == Code.MAIN ? main : tests;
    }

    /** The simulators, where the module's Maven test scope has them and the code is test code. */
    static String[] simulatorsUnless(Code code, boolean testScopeHasThem) {
        return code == Code.TESTS && testScopeHasThem ? new String[0] : new String[] {"org.matterhub.simulators.."};
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void simulatorsDependOnNothingOfOurs(Code code) {
        noClasses().that().resideInAPackage("org.matterhub.simulators..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.connectors..", "org.matterhub.mappings..",
                        "org.matterhub.store..", "org.matterhub.routes..", "org.matterhub.portal..", "org.matterhub.config..")
                .check(of(code));
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void connectorsDependOnNothingOfOursAndUseNoCamelOrJpa(Code code) {
        noClasses().that().resideInAPackage("org.matterhub.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(simulatorsUnless(code, true),
                        "org.matterhub.mappings..", "org.matterhub.store..", "org.matterhub.routes..",
                        "org.matterhub.portal..", "org.matterhub.config..", "org.apache.camel..",
                        "jakarta.persistence..", "org.springframework.jdbc.."))
                .check(of(code));
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void mappingsArePureAndPointInward(Code code) {
        noClasses().that().resideInAPackage("org.matterhub.mappings..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.store..", "org.matterhub.routes..",
                        "org.matterhub.portal..", "org.matterhub.config..", "org.matterhub.simulators..",
                        "org.apache.camel..", "org.springframework..", "java.net.http..", "java.sql..")
                .check(of(code));
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void storeKnowsOnlyCanonicalRecords(Code code) {
        // The store's tests may drive the connectors' shared kernel (its rate limiter on the store's PostgreSQL
        // buckets, as two nodes of a cluster would); the store itself knows no connector.
        DescribedPredicate<JavaClass> connectors = code == Code.TESTS
                ? resideInAPackage("org.matterhub.connectors..").and(not(resideInAPackage("org.matterhub.connectors.kernel..")))
                : resideInAPackage("org.matterhub.connectors..");
        noClasses().that().resideInAPackage("org.matterhub.store..")
                .should().dependOnClassesThat(connectors.or(resideInAnyPackage("org.matterhub.routes..",
                        "org.matterhub.portal..", "org.matterhub.config..", "org.matterhub.simulators..",
                        "org.matterhub.mappings.clio..", "org.matterhub.mappings.imanage..",
                        "org.matterhub.mappings.netdocuments..", "org.matterhub.mappings.quickbooks..",
                        "org.matterhub.mappings.xero..", "org.apache.camel..")))
                .check(of(code));
    }

    /**
     * The portal reads the store and shows canonical records: of {@code mappings} it may use the canonical model and
     * the money values invoices and payments are made of, never a vendor's mapping or a filing rule; of the
     * connectors, only the hub's one byte range.
     */
    static ArchRule portalRule() {
        return portalRule("org.matterhub.portal..");
    }

    static ArchRule portalRule(String portalPackages) {
        DescribedPredicate<JavaClass> values = belongToAnyOf(ByteRange.class, Money.class, MoneyException.class,
                PaymentAmounts.class);
        return noClasses().that().resideInAPackage(portalPackages)
                .should().dependOnClassesThat(resideInAnyPackage("org.matterhub.connectors..", "org.matterhub.routes..",
                        "org.matterhub.config..", "org.matterhub.simulators..", "org.apache.camel..",
                        "org.matterhub.mappings..")
                        .and(not(resideInAPackage("org.matterhub.mappings.canonical..")))
                        .and(not(values)));
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void portalApiUsesTheStoreAndCanonicalRecordsNotTheVendorsOrTheRules(Code code) {
        portalRule().check(of(code));
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void routesDoNotReachIntoTheApplicationOrTheSimulators(Code code) {
        noClasses().that().resideInAPackage("org.matterhub.routes..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(simulatorsUnless(code, true),
                        "org.matterhub.config.."))
                .check(of(code));
    }

    /** No two packages of ours need each other, at any depth: a cycle would make the layers one. */
    @ParameterizedTest
    @EnumSource(Code.class)
    void packagesFormNoCycle(Code code) {
        slices().matching("org.matterhub.(**)").should().beFreeOfCycles().check(of(code));
    }

    /** The portal rule is not vacuous: a class of the portal that used a filing rule of mappings breaks it. */
    @Test
    void thePortalRuleCatchesAPortalClassUsingAMappingRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(PortalClassUsingARule.class,
                org.matterhub.mappings.documents.DmsSettings.class);
        assertThatThrownBy(() -> portalRule("org.matterhub.config..").check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DmsSettings");
    }

    /** Imported by the test above only, which treats this package as the portal's; the real check never sees it. */
    static final class PortalClassUsingARule {
        Object settings = org.matterhub.mappings.documents.DmsSettings.class;
    }
}
