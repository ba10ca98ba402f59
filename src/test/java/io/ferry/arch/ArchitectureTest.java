package io.ferry.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of shared/DESIGN.md: dependencies point downward only. */
@AnalyzeClasses(packages = "io.ferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] EE_PACKAGES = {
        "javax.servlet..", "javax.websocket..", "javax.ejb..", "javax.enterprise..", "javax.inject..",
        "javax.ws.rs..", "javax.json..", "javax.persistence..", "javax.transaction..", "javax.annotation..",
        "javax.interceptor..", "javax.validation..", "org.eclipse.microprofile..",
    };

    private static final String[] ABOVE_PROTOCOL = {
        "io.ferry.runtime..", "io.ferry.ws..", "io.ferry.edge..", "io.ferry.registrar..", "io.ferry.relay..",
        "io.ferry.store..", "io.ferry.admin..", "io.ferry.config..",
    };

    @ArchTest
    static final ArchRule protocolPackages_importNoEeApi = noClasses()
            .that().resideInAnyPackage("io.ferry.sip..", "io.ferry.msrp..", "io.ferry.auth..")
            .should().dependOnClassesThat().resideInAnyPackage(EE_PACKAGES)
            .allowEmptyShould(true)
            .because("the wire protocol is plain Java (DESIGN.md, package layout)");

    @ArchTest
    static final ArchRule protocolPackages_importNoHigherFerryPackage = noClasses()
            .that().resideInAnyPackage("io.ferry.sip..", "io.ferry.msrp..", "io.ferry.auth..")
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_PROTOCOL)
            .allowEmptyShould(true)
            .because("sip, msrp and auth know nothing of the layers above them");

    @ArchTest
    static final ArchRule applications_useOnlyTheSipServletApi = noClasses()
            .that().resideInAnyPackage("io.ferry.edge..", "io.ferry.registrar..", "io.ferry.relay..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ferry.runtime..")
            .allowEmptyShould(true)
            .because("applications use javax.servlet.sip and Ferry's documented extensions, never runtime internals");

    @ArchTest
    static final ArchRule runtime_knowsOnlyProtocolPackages = noClasses()
            .that().resideInAnyPackage("io.ferry.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.ferry.edge..", "io.ferry.registrar..", "io.ferry.relay..", "io.ferry.admin..")
            .allowEmptyShould(true)
            .because("the runtime is below the applications");
}
