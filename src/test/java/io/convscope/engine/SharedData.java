package io.convscope.engine;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party data beside the checkout ({@code ../shared}). A user's fresh clone has none: tests that need it are
 * skipped there with the reason, but fail under {@code CI=true}, where it must be present.
 */
public final class SharedData {

    public static final Path ROOT = Path.of("..", "shared").toAbsolutePath().normalize();

    private SharedData() {}

    /** Resolves {@code relative} under ../shared, or skips (fails on CI) when it is missing. */
    public static Path require(String relative) {
        Path p = ROOT.resolve(relative);
        if (!Files.exists(p)) {
            String reason = p + " is missing: it holds third-party data that is not part of the repository";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " (CI=true, so this is an error)");
            }
            // Say it on the console too: a class skipped in @BeforeAll otherwise shows only as "Tests run: 0".
            System.err.println("[convscope] skipped: " + reason);
            Assumptions.abort(reason + "; skipped");
        }
        return p;
    }

    public static Path cnnExplainerModel() {
        return require("reference/cnn-explainer/model/model.json");
    }

    public static Path cnnExplainerImages() {
        return require("reference/cnn-explainer/images");
    }

    /** Netscope's 23 Caffe presets (third-party, MIT): read them here, never copy them into the repository. */
    public static Path netscopePresets() {
        return require("reference/netscope-presets");
    }

    public static Path tinyImageNet() {
        return require("datasets/tiny-imagenet-10");
    }
}
