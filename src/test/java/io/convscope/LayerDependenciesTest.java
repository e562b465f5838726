package io.convscope;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers flow one way: engine (every DL4J and ND4J call; image input beside it) → network (plain Java) →
 * explain (view models without a screen) → ui (JavaFX) and cli (picocli). Each rule fails on the first class of the
 * app (tests excluded) that imports across a layer, naming the class and the type it uses.
 */
class LayerDependenciesTest {

    private static final String[] DEEP_LEARNING = {"org.deeplearning4j..", "org.nd4j.."};
    private static final String[] SCREEN = {"javafx..", "atlantafx..", "org.kordamp.ikonli.."};

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.convscope");
    }

    @Test
    void deepLearningLibrariesStayInTheEngine() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("io.convscope.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DEEP_LEARNING));
    }

    @Test
    void imageInputNeedsNoDeepLearningLibrary() {
        // image decoding sits beside the engine but must stay usable (and fuzzable) without loading ND4J's natives
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.image..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DEEP_LEARNING));
    }

    @Test
    void imageInputStandsBesideTheEngineNotOnIt() {
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.image..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.convscope.engine..", "io.convscope.explain..", "io.convscope.ui..", "io.convscope.cli.."));
    }

    @Test
    void viewModelsNeverRunTheEngine() {
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.explain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.engine.."));
    }

    @Test
    void javaFxStaysInTheUi() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("io.convscope.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SCREEN));
    }

    @Test
    void nothingBelowTheScreenOrBesideItUsesTheUi() {
        check(noClasses()
                .that()
                .resideInAnyPackage(
                        "io.convscope.engine..",
                        "io.convscope.network..",
                        "io.convscope.explain..",
                        "io.convscope.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.ui.."));
    }

    @Test
    void uiFeaturesNeverUseTheShell() {
        // the shell (io.convscope.ui itself) assembles the features; a feature reaching back into it would make a cycle
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.ui.(*)..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.ui"));
    }

    @Test
    void sharedUiPiecesNeverUseAFeature() {
        check(noClasses()
                .that()
                .resideInAnyPackage(
                        "io.convscope.ui.common..", "io.convscope.ui.workspace..", "io.convscope.ui.tasks..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.convscope.ui.overview..",
                        "io.convscope.ui.explanation..",
                        "io.convscope.ui.learn..",
                        "io.convscope.ui.architecture..",
                        "io.convscope.ui.input..",
                        "io.convscope.ui.explorer.."));
    }

    @Test
    void engineAndNetworkNeverUseTheViewModels() {
        check(noClasses()
                .that()
                .resideInAnyPackage("io.convscope.engine..", "io.convscope.network..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.explain.."));
    }

    @Test
    void networkNeverUsesTheEngine() {
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.network..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.engine.."));
    }

    @Test
    void cliNeverUsesTheUi() {
        check(noClasses()
                .that()
                .resideInAPackage("io.convscope.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.convscope.ui.."));
    }

    private static void check(ArchRule rule) {
        rule.check(app);
    }
}
