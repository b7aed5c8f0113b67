package org.matterhub.config;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ByteRange;

/** The module arrows of DESIGN §2, checked on the production classes of every module. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.matterhub");
    }

    @Test
    void simulatorsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.matterhub.simulators..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.connectors..", "org.matterhub.mappings..",
                        "org.matterhub.store..", "org.matterhub.routes..", "org.matterhub.portal..", "org.matterhub.config..")
                .check(classes);
    }

    @Test
    void connectorsDependOnNothingOfOursAndUseNoCamelOrJpa() {
        noClasses().that().resideInAPackage("org.matterhub.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.simulators..", "org.matterhub.mappings..",
                        "org.matterhub.store..", "org.matterhub.routes..", "org.matterhub.portal..", "org.matterhub.config..",
                        "org.apache.camel..", "jakarta.persistence..", "org.springframework.jdbc..")
                .check(classes);
    }

    @Test
    void mappingsArePureAndPointInward() {
        noClasses().that().resideInAPackage("org.matterhub.mappings..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.store..", "org.matterhub.routes..",
                        "org.matterhub.portal..", "org.matterhub.config..", "org.matterhub.simulators..",
                        "org.apache.camel..", "org.springframework..", "java.net.http..", "java.sql..")
                .check(classes);
    }

    @Test
    void storeKnowsOnlyCanonicalRecords() {
        noClasses().that().resideInAPackage("org.matterhub.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.connectors..", "org.matterhub.routes..",
                        "org.matterhub.portal..", "org.matterhub.config..", "org.matterhub.simulators..",
                        "org.matterhub.mappings.clio..", "org.apache.camel..")
                .check(classes);
    }

    @Test
    void portalApiUsesTheStoreNotTheVendors() {
        // One value type of the connectors' shared kernel is the hub's one byte range, downloads included.
        noClasses().that().resideInAPackage("org.matterhub.portal..")
                .should().dependOnClassesThat(resideInAnyPackage("org.matterhub.connectors..", "org.matterhub.routes..",
                        "org.matterhub.config..", "org.matterhub.simulators..", "org.apache.camel..")
                        .and(not(equivalentTo(ByteRange.class))))
                .check(classes);
    }

    @Test
    void routesDoNotReachIntoTheApplicationOrTheSimulators() {
        noClasses().that().resideInAPackage("org.matterhub.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.config..", "org.matterhub.simulators..")
                .check(classes);
    }
}
