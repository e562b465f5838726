package io.convscope.ui.explanation;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.IntConsumer;

/**
 * The convolution view's paging of wide layers (VGG's 64 to 512 input channels), {@value #PAGE} at a time as the
 * overview scrolls: which channels are drawn, buttons for the rest, and a note that the sum still adds every channel,
 * so the output map stays exactly the engine's.
 */
final class ChannelPager {

    /** Input channels drawn at once. */
    static final int PAGE = 10;

    private ChannelPager() {}

    /** The first channel of a page that starts at {@code first}, kept inside {@code channels}. */
    static int clamp(int first, int channels) {
        return Math.max(0, Math.min(first, channels - Math.min(channels, PAGE)));
    }

    /**
     * Adds the bar (at {@code x, y}) and the note (at {@code noteX, noteY}, {@code noteWidth} wide) to the diagram;
     * the buttons ask {@code page} for the previous or next page.
     */
    static void add(
            Pane diagram,
            ResourceBundle text,
            int first,
            int shown,
            int channels,
            double x,
            double y,
            double noteX,
            double noteY,
            double noteWidth,
            IntConsumer page) {
        Button previousPage = new Button(null, new FontIcon(Material2AL.CHEVRON_LEFT));
        Button nextPage = new Button(null, new FontIcon(Material2AL.CHEVRON_RIGHT));
        previousPage.setId("conv-page-previous");
        nextPage.setId("conv-page-next");
        for (Button b : List.of(previousPage, nextPage)) {
            b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            b.setFocusTraversable(false);
        }
        previousPage.setTooltip(new Tooltip(text.getString("conv.page.previous")));
        nextPage.setTooltip(new Tooltip(text.getString("conv.page.next")));
        previousPage.setDisable(first == 0);
        nextPage.setDisable(first + shown >= channels);
        previousPage.setOnAction(e -> page.accept(first - shown));
        nextPage.setOnAction(e -> page.accept(first + shown));
        Label range =
                ConvolutionShapes.small(String.format(text.getString("conv.page"), first, first + shown - 1, channels));
        range.setId("conv-page");
        HBox bar = new HBox(4, previousPage, range, nextPage);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.relocate(x, y);
        Label note = ConvolutionShapes.annotationLabel(
                String.format(text.getString("conv.page.note"), channels - shown), noteWidth);
        note.setId("conv-page-note");
        note.relocate(noteX, noteY);
        diagram.getChildren().addAll(bar, note);
    }
}
