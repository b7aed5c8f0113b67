package org.matterhub.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.canonical.SourceSystem;

/**
 * The documents capability's shape (docs/documents.md): the flow knows its ports, not its adapters, and never names
 * a vendor; each vendor's rooms (routes adapter, mappings) stay out of the other's.
 */
class DocumentsArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.matterhub");
    }

    @Test
    void theFlowDependsOnNoAdapter() {
        noClasses().that().resideInAnyPackage("org.matterhub.routes.documents", "org.matterhub.routes.http",
                        "org.matterhub.mappings.documents")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.routes.documents.imanage..",
                        "org.matterhub.routes.documents.netdocuments..", "org.matterhub.mappings.imanage..",
                        "org.matterhub.mappings.netdocuments..")
                .check(classes);
    }

    @Test
    void theFlowNamesNoDocumentVendor() {
        noClasses().that().resideInAnyPackage("org.matterhub.routes.documents", "org.matterhub.routes.http")
                .should().accessField(SourceSystem.class, "IMANAGE")
                .orShould().accessField(SourceSystem.class, "NETDOCUMENTS")
                .check(classes);
    }

    @Test
    void iManageRoomsDoNotReachIntoNetDocuments() {
        noClasses().that().resideInAnyPackage("org.matterhub.routes.documents.imanage..", "org.matterhub.mappings.imanage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.routes.documents.netdocuments..",
                        "org.matterhub.mappings.netdocuments..", "org.matterhub.connectors.netdocuments..")
                .check(classes);
    }

    @Test
    void netDocumentsRoomsDoNotReachIntoImanage() {
        noClasses().that().resideInAnyPackage("org.matterhub.routes.documents.netdocuments..",
                        "org.matterhub.mappings.netdocuments..")
                .should().dependOnClassesThat().resideInAnyPackage("org.matterhub.routes.documents.imanage..",
                        "org.matterhub.mappings.imanage..", "org.matterhub.connectors.imanage..")
                .check(classes);
    }
}
