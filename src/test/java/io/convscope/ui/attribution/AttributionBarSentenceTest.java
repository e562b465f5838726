package io.convscope.ui.attribution;

import io.convscope.engine.ModelLoader;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionCancelledException;
import io.convscope.engine.attribution.CamLayerException;
import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Why? mode says when a map cannot be computed: in the student's language, naming the layer. */
class AttributionBarSentenceTest {

    @Test
    void aLayerWithoutSpatialMapsIsNamedInTheLanguageOnShow() throws Exception {
        Attribution a = Attribution.of(ModelLoader.loadBundled());
        CamLayerException flat = assertThrows(CamLayerException.class, () -> a.camLayer("flatten", a.classTarget(0)));
        ResourceBundle zh = Language.CHINESE.messages();
        ResourceBundle en = Language.ENGLISH.messages();
        assertEquals(
                String.format(zh.getString("attr.failed.notSpatial"), "flatten"), AttributionBar.sentence(zh, flat));
        assertTrue(AttributionBar.sentence(zh, flat).contains("flatten"));
        assertTrue(
                AttributionBar.sentence(en, flat).startsWith("This map cannot be computed at layer flatten"),
                AttributionBar.sentence(en, flat));
        assertNull(AttributionBar.sentence(en, new AttributionCancelledException()), "a cancel is no failure");
    }
}
