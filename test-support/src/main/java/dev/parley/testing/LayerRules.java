package dev.parley.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package skeleton every Parley service follows: {@code rest → service → repository}, {@code client} and
 * {@code config} beside them, entities at the service root. Each service's ArchUnit test calls {@link #check}.
 */
public final class LayerRules {

    private LayerRules() {
    }

    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Rest").definedBy(basePackage + ".rest..")
                .layer("Service").definedBy(basePackage + ".service..")
                .layer("Repository").definedBy(basePackage + ".repository..")
                .layer("Client").definedBy(basePackage + ".client..")
                .layer("Config").definedBy(basePackage + ".config..")
                .whereLayer("Rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Rest")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Client").mayOnlyBeAccessedByLayers("Service")
                .check(classes);

        // Resources answer with API records, never with entities.
        noClasses().that().resideInAPackage(basePackage + ".rest..")
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .because("resources map entities to API records in the service layer")
                .allowEmptyShould(true)
                .check(classes);

        classes().that().areAnnotatedWith("jakarta.persistence.Entity")
                .should().resideInAPackage(basePackage)
                .allowEmptyShould(true)
                .check(classes);

        // A service never reaches into another service's code; only common is shared.
        noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.parley..")
                        .and(not(resideInAnyPackage(basePackage + "..", "dev.parley.common.."))))
                .check(classes);
    }
}
