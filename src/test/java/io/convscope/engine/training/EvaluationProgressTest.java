package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.explain.dataset.LabelledFolders;
import io.convscope.network.ImageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer's evaluation: progress after every image, a way to stop, and one small outcome per image. */
class EvaluationProgressTest {

    @Test
    void progressCountsEveryImageAndStoppingThrows(@TempDir Path dir) throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        Path data = LabelledFolders.generate(dir, model.description().classes().subList(0, 2), 3);
        List<ImageFolderDataset.Sample> samples =
                ImageFolderDataset.listLabelled(data, model.description().classes());
        List<Integer> told = new ArrayList<>();
        Evaluation e = Evaluation.of(model, samples, data, (done, total) -> told.add(done) && total == 6);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), told);

        assertEquals(6, e.images().size());
        int correct = 0;
        for (ImageOutcome o : e.images()) {
            assertTrue(o.path().matches("(lifeboat|ladybug)/\\d\\.png"), o.path());
            assertEquals(o.truth() == o.predicted(), o.correct());
            // the loss is -ln p(truth), computed from the logits
            assertEquals(-Math.log(o.pTruth()), o.loss(), 1e-4 * Math.max(1, o.loss()));
            correct += o.correct() ? 1 : 0;
        }
        assertEquals(e.correct(), correct);

        assertThrows(CancellationException.class, () -> Evaluation.of(model, samples, data, (done, total) -> done < 2));
    }
}
