package io.convscope.ui.train;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the 10-class Tiny ImageNet subset the bundled model was trained on lives, when it is on this computer: the
 * project's {@code ../shared/datasets/tiny-imagenet-10} (beside the checkout the app runs from, or beside the folder
 * of its jar), or the folder {@code -Dconvscope.shared} names. It is third-party data and never shipped inside the app.
 */
final class BuiltInData {

    static final String SUBSET = "datasets/tiny-imagenet-10";

    private BuiltInData() {}

    /** The data set folder, or null when it is not on this computer. */
    static Path find() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("convscope.shared");
        if (shared != null) {
            candidates.add(Path.of(shared));
        }
        candidates.add(Path.of("..", "shared"));
        try {
            Path jar = Path.of(BuiltInData.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path p = jar.getParent(); p != null && candidates.size() < 8; p = p.getParent()) {
                candidates.add(p.resolve("shared"));
                candidates.add(p.resolveSibling("shared"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to look beside: the other places remain
        }
        for (Path c : candidates) {
            Path data = c.resolve(SUBSET);
            if (Files.isDirectory(data.resolve("train")) && Files.isDirectory(data.resolve("val"))) {
                return data.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
