package io.convscope.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** A split of a data set decoded once into memory (channel-major, values in [0, 1]) with its labels. */
record TrainingImages(float[][] images, int[] labels) {

    int size() {
        return images.length;
    }

    /** Decodes every image once, in parallel; training then never touches the disk. */
    static TrainingImages load(List<ImageFolderDataset.Sample> samples, int height, int width) throws IOException {
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        float[][] images = new float[samples.size()][];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            try {
                images[i] = ImagePreprocessor.load(samples.get(i).file(), height, width);
            } catch (ImageInputException e) {
                failures.put(i, e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " images could not be read, e.g. "
                    + failures.values().iterator().next());
        }
        int[] labels =
                samples.stream().mapToInt(ImageFolderDataset.Sample::label).toArray();
        return new TrainingImages(images, labels);
    }
}
