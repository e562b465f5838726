package io.convscope.tools;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Linux installer as a student meets it (issue 14): src/tools/deb-install-test.sh installs the .deb built by
 * {@code mvn -B -Pdist -DskipTests package} with dpkg, checks that the installed launcher's CLI predicts espresso and
 * that it opens its window under Xvfb, then removes it and checks that nothing is left in /opt/convscope.
 *
 * <p>It runs only when asked ({@code -Dconvscope.debTest=true}), because it installs a package system-wide as root
 * and needs the .deb that only the dist profile builds: the normal {@code mvn -B verify}, CI's included, builds no
 * .deb, so it is skipped there with the reason, also under {@code CI=true}. Once asked, a missing prerequisite (root,
 * dpkg, Xvfb, xwininfo, ImageMagick, the .deb) fails the test with the script's sentence instead of skipping it.
 */
class DebInstallTest {

    static final String ASKED = "convscope.debTest";

    @Test
    void debInstallsPredictsOpensItsWindowAndUninstallsCleanly() throws IOException, InterruptedException {
        if (!Boolean.getBoolean(ASKED)) {
            String reason = "the .deb install test runs only when asked: mvn -B -Pdist -DskipTests package, then"
                    + " mvn -B test -Dtest=DebInstallTest -D" + ASKED
                    + "=true (as root, with dpkg, Xvfb, xwininfo and ImageMagick)";
            System.err.println("[convscope] skipped: " + reason);
            Assumptions.abort(reason);
        }
        Process script = new ProcessBuilder("bash", "src/tools/deb-install-test.sh")
                .redirectErrorStream(true)
                .start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // The output ends when the script ends; the bound only keeps a hung dpkg from holding the build.
        assertTrue(script.waitFor(10, TimeUnit.MINUTES), out);
        System.out.println(out);
        assertEquals(0, script.exitValue(), out);
        assertTrue(out.contains("espresso"), out);
        assertTrue(out.contains("deb install test: passed"), out);
    }
}
