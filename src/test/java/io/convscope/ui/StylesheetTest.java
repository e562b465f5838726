package io.convscope.ui;

import io.convscope.ui.common.Palette;
import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broken rule silently drops every style after it, so the stylesheet must parse cleanly. */
class StylesheetTest {

    @Test
    void theStylesheetParsesWithoutErrors() throws Exception {
        CssParser.errorsProperty().clear();
        var sheet = new CssParser().parse(ConvScopeApp.class.getResource(Palette.STYLESHEET));
        assertEquals(
                List.of(),
                CssParser.errorsProperty().stream().map(Object::toString).toList());
        assertEquals(
                true, sheet.getRules().size() > 50, "rules: " + sheet.getRules().size());
    }
}
