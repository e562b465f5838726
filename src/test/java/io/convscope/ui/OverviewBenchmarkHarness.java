package io.convscope.ui;

import atlantafx.base.theme.PrimerLight;
import io.convscope.explain.RangeMode;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.Palette;
import io.convscope.ui.overview.OverviewPane;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * An overview on a stage of its own, for the headless frame benchmark: {@link #switchTo} shows a snapshot and lays
 * the scene out, and returns how long that took on the JavaFX thread. Create and call it on the JavaFX thread.
 */
public final class OverviewBenchmarkHarness {

    private final OverviewPane overview;
    private final Scene scene;

    public OverviewBenchmarkHarness(double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ResourceBundle text = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
        overview = new OverviewPane(text, new Palette(false));
        scene = new Scene(overview, width, height);
        scene.getStylesheets()
                .add(ConvScopeApp.class.getResource(Palette.STYLESHEET).toExternalForm());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
    }

    /** Milliseconds to recolour every heatmap, redraw edges, bars and legends, and lay the scene out. */
    public double switchTo(ActivationSnapshot snapshot) {
        long t0 = System.nanoTime();
        overview.show(snapshot, RangeMode.UNIT);
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return (System.nanoTime() - t0) / 1e6;
    }
}
