package io.convscope.engine.dataset;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which images of a folder {@code evaluate} scores. A model trained on a plain {@code DIR/<label>/} folder learnt from
 * most of its images; scored on all of them it would look far better than it is. When the model records a split
 * (its {@code m.split.json}) and the folder holds every image the split held out, only those are scored.
 *
 * @param split the split whose held-out images these are; null when the whole folder is scored
 */
public record EvaluationScope(List<ImageFolderDataset.Sample> samples, DatasetSplit split, int trainedOn) {

    /**
     * @param modelZip the model's file, or null for the bundled model and presets (which record no split)
     * @throws IOException when the folder is the one the model was trained on but lost held-out images since, so
     *                     no honest figure can be given
     */
    public static EvaluationScope of(Path modelZip, LoadedModel model, Path dir) throws IOException {
        List<String> classes = model.description().classes();
        DatasetSplit split = null;
        if (modelZip != null && ImageFolderDataset.isPlain(dir)) {
            try {
                split = ModelStore.readSplit(modelZip).orElse(null);
            } catch (ModelLoadException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        if (split == null) {
            return new EvaluationScope(ImageFolderDataset.listLabelled(dir, classes), null, 0);
        }
        ImageFolderDataset data;
        try {
            data = ImageFolderDataset.openWithSplit(dir, split);
        } catch (IOException e) {
            if (!trainedOn(model, dir)) {
                // another folder: none of its images trained the model
                return new EvaluationScope(ImageFolderDataset.listLabelled(dir, classes), null, 0);
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
        return new EvaluationScope(heldOut, split, data.train().size());
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
