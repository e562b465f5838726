package io.convscope.ui.train;

import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import javafx.scene.control.Slider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrubber asks for an epoch's checkpoint once per settled choice: not while the thumb is dragged, once when it
 * is let go; it follows new epochs while on the last one and stays put when the student went back.
 */
class EpochScrubberTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDragCallsBackOnceWhenLetGoAndNewEpochsAreFollowedOnlyFromTheLastOne() throws Exception {
        List<Integer> chosen = new ArrayList<>();
        EpochScrubber[] s = new EpochScrubber[1];
        fx(() -> {
            s[0] = new EpochScrubber(new Workspace(Language.ENGLISH, false));
            s[0].setOnEpochChosen(chosen::add);
        });
        EpochScrubber scrubber = s[0];
        Slider slider = scrubber.slider();
        assertTrue(slider.isDisabled(), "nothing to scrub before two epochs");
        fx(() -> scrubber.setFinishedEpochs(5));
        assertEquals(5, scrubber.epochProperty().get());
        assertFalse(slider.isDisabled());

        fx(() -> {
            slider.setValueChanging(true);
            slider.setValue(4);
            slider.setValue(3);
            slider.setValue(2);
        });
        assertTrue(chosen.isEmpty(), "no checkpoint is loaded for every epoch the thumb passes");
        fx(() -> slider.setValueChanging(false));
        assertEquals(List.of(2), chosen);

        fx(() -> scrubber.setFinishedEpochs(6)); // the student is at epoch 2: it stays there
        assertEquals(2, scrubber.epochProperty().get());
        assertEquals(6.0, slider.getMax());
        fx(() -> scrubber.choose(6));
        assertEquals(List.of(2, 6), chosen);
        fx(() -> scrubber.setFinishedEpochs(7)); // back on the last one: follows, silently
        assertEquals(7, scrubber.epochProperty().get());
        assertEquals(List.of(2, 6), chosen);
    }
}
