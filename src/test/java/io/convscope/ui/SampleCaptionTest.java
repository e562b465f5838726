package io.convscope.ui;

import io.convscope.engine.ModelMetadata;
import io.convscope.engine.TinyVgg;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The photos' captions talk about Tiny VGG's ten classes; another model must not be told it has them. */
class SampleCaptionTest {

    static final ResourceBundle EN = ResourceBundle.getBundle(Language.SAMPLES, Locale.ROOT);
    static final ResourceBundle ZH = ResourceBundle.getBundle(Language.SAMPLES, Locale.CHINESE);

    @Test
    void tenClassModelsKeepTheCaptionsThatNameTheirClasses() {
        String coffee = SampleGallery.caption(EN, "coffee.png", TinyVgg.CLASSES, 64, 64);
        assertTrue(coffee.contains("one of the ten classes"), coffee);
        assertTrue(coffee.contains("64 \u00d7 64"), coffee);
        assertTrue(SampleGallery.caption(ZH, "chelsea.png", TinyVgg.CLASSES, 64, 64)
                .contains("十个类别"));
    }

    @Test
    void otherModelsGetTheGeneralCaptionWithTheirInputSize() {
        var imagenet = ModelMetadata.numberedClasses(1000);
        for (String photo : new String[] {"coffee.png", "chelsea.png", "horse.png", "astronaut.png", "rocket.jpg"}) {
            String en = SampleGallery.caption(EN, photo, imagenet, 224, 224);
            String zh = SampleGallery.caption(ZH, photo, imagenet, 224, 224);
            assertFalse(en.isBlank() || zh.isBlank(), photo);
            assertFalse(en.contains(" ten ") || en.contains("64"), photo + ": " + en);
            assertFalse(zh.contains("十") || zh.contains("64"), photo + ": " + zh);
        }
        assertTrue(SampleGallery.caption(EN, "coffee.png", imagenet, 224, 224).contains("224 \u00d7 224"));
        assertTrue(SampleGallery.caption(ZH, "coffee.png", imagenet, 227, 227).contains("227 × 227"));
    }

    @Test
    void drawnSamplesHaveOneCaptionForEveryModel() {
        var imagenet = ModelMetadata.numberedClasses(1000);
        assertEquals(
                SampleGallery.caption(EN, "checkerboard.png", TinyVgg.CLASSES, 64, 64),
                SampleGallery.caption(EN, "checkerboard.png", imagenet, 224, 224));
        assertEquals("", SampleGallery.caption(EN, "not-a-sample.png", imagenet, 224, 224));
    }
}
