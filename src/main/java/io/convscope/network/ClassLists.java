package io.convscope.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The class names of the standard datasets the zoo's heads predict, shipped with the app (no download): ImageNet's
 * 1,000 (each shown by its first, most common WordNet name), PASCAL VOC's 20 (Tiny YOLO) and COCO's 80 (YOLOv2).
 * Sources and licences are in CREDITS.md.
 */
public final class ClassLists {

    public static final int IMAGENET_CLASSES = 1000;
    public static final int VOC_CLASSES = 20;
    public static final int COCO_CLASSES = 80;

    private static List<String> imagenet;
    private static List<String> voc;
    private static List<String> coco;

    private ClassLists() {}

    /** ImageNet's classes, index 0 to 999 ("tench", …, "wheelbarrow" is "barrow", …). */
    public static synchronized List<String> imagenet() {
        if (imagenet == null) {
            imagenet = read("imagenet-classes.txt", IMAGENET_CLASSES).stream()
                    .map(synonyms -> synonyms.split(",")[0].strip())
                    .toList();
        }
        return imagenet;
    }

    public static synchronized List<String> voc() {
        if (voc == null) {
            voc = read("voc-classes.txt", VOC_CLASSES);
        }
        return voc;
    }

    public static synchronized List<String> coco() {
        if (coco == null) {
            coco = read("coco-classes.txt", COCO_CLASSES);
        }
        return coco;
    }

    /**
     * Names for a classifier whose labels are unknown (a zoo preset, a file without a class list): ImageNet's when it
     * has ImageNet's 1,000 outputs, else "class 0", "class 1", ….
     */
    public static List<String> forUnlabelled(int count) {
        return count == IMAGENET_CLASSES
                ? imagenet()
                : IntStream.range(0, count).mapToObj(i -> "class " + i).toList();
    }

    /** A detector's class by index: VOC's names for 20 classes, COCO's for 80, else "class N". */
    public static String detectionClass(int classCount, int index) {
        List<String> names = classCount == VOC_CLASSES ? voc() : classCount == COCO_CLASSES ? coco() : null;
        return names != null && index >= 0 && index < names.size() ? names.get(index) : "class " + index;
    }

    private static List<String> read(String resource, int expected) {
        try (InputStream in = ClassLists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build");
            }
            List<String> names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(String::strip)
                    .toList();
            if (names.size() != expected) {
                throw new IllegalStateException(resource + " has " + names.size() + " names, not " + expected);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
