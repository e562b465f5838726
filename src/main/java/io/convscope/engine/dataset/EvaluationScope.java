package io.convscope.engine.dataset;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which images of a folder {@code evaluate} and the data-set explorer score. A {@code train/ val/} folder is scored on
 * its {@code val/} half. A model trained on a plain {@code DIR/<label>/} folder learnt from most of its images; scored
 * on all of them it would look far better than it is. When the model records a split (its {@code m.split.json}) and
 * the folder holds every image the split held out, only those are scored.
 *
 * @param folder the folder scored (the image paths are relative to it): {@code val/} of a train/val folder
 * @param split  the split whose held-out images these are; null when the whole folder is scored
 */
public record EvaluationScope(Path folder, List<ImageFolderDataset.Sample> samples, DatasetSplit split, int trainedOn) {

    /** The folder scored for the one chosen: its {@code val/} when it is laid out as {@code train/ val/}. */
    public static Path scoredFolder(Path chosen) {
        Path val = chosen.resolve("val");
        return Files.isDirectory(val) && Files.isDirectory(chosen.resolve("train")) ? val : chosen;
    }

    /**
     * @param modelZip the model's file, or null for the bundled model and presets (which record no split)
     * @param chosen   the folder given; a train/val one is scored on its val/ ({@link #scoredFolder(Path)})
     * @throws IOException when the folder is the one the model was trained on but lost held-out images since, so
     *                     no honest figure can be given
     */
    public static EvaluationScope of(Path modelZip, LoadedModel model, Path chosen) throws IOException {
        Path dir = scoredFolder(chosen);
        List<String> classes = model.description().classes();
        DatasetSplit split = null;
        // val/ of a train/val folder is apart from what trained the model by construction, so no split of another
        // folder applies to it, even where its file names repeat those of train/ (unless the model was split from
        // that very val/ folder).
        boolean valHalf = !dir.equals(chosen);
        if (modelZip != null && ImageFolderDataset.isPlain(dir) && (!valHalf || trainedOn(model, dir))) {
            try {
                split = ModelStore.readSplit(modelZip).orElse(null);
            } catch (ModelLoadException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        if (split == null) {
            return new EvaluationScope(dir, ImageFolderDataset.listLabelled(dir, classes), null, 0);
        }
        ImageFolderDataset data;
        try {
            data = ImageFolderDataset.openWithSplit(dir, split);
        } catch (IOException e) {
            if (!trainedOn(model, dir)) {
                // another folder: none of its images trained the model
                return new EvaluationScope(dir, ImageFolderDataset.listLabelled(dir, classes), null, 0);
            }
            throw e;
        }
        List<ImageFolderDataset.Sample> heldOut = new ArrayList<>();
        for (ImageFolderDataset.Sample s : data.validation()) {
            int label =
                    ImageFolderDataset.indexOfLoosely(classes, data.classes().get(s.label()));
            if (label < 0) {
                throw new IOException("the class " + data.classes().get(s.label()) + " of " + dir
                        + " is not one of the model's classes " + classes);
            }
            heldOut.add(new ImageFolderDataset.Sample(s.file(), label));
        }
        return new EvaluationScope(dir, heldOut, split, data.train().size());
    }

    private static boolean trainedOn(LoadedModel model, Path dir) {
        ModelMetadata.Training t =
                model.metadata() == null ? null : model.metadata().training();
        if (t == null || t.datasetPath() == null) {
            return false;
        }
        return Path.of(t.datasetPath())
                .toAbsolutePath()
                .normalize()
                .equals(dir.toAbsolutePath().normalize());
    }
}
