package io.convscope.ui.attribution;

import io.convscope.engine.Inference;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.HeatmapView;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * Occlusion by hand: the student drags a grey square over the photo the network sees and the class bars follow, each
 * bar the engine's probability for the occluded copy, with a mark where it stood for the whole photo. Drags are
 * coalesced: while one copy is computed the latest position waits, older ones are forgotten, so the FX thread never
 * waits and the bars always catch up with the pointer.
 */
final class OcclusionProbe extends HBox {

    static final int SHOWN_CLASSES = 10;
    static final double BAR_WIDTH = 180;

    private final AttributionWork work;
    private final Consumer<Throwable> failed;
    private final HeatmapView photo = new HeatmapView();
    private final Rectangle square = new Rectangle();
    private final Pane picture = new Pane(photo, square);
    private final Slider size = new Slider(2, 32, 8);
    private final Label sizeLabel = new Label();
    private final Label hint = new Label();
    private final GridPane bars = new GridPane();
    private final ReadOnlyIntegerWrapper updates = new ReadOnlyIntegerWrapper();
    private ResourceBundle text;
    private Inference model;
    private float[] image;
    private float[] original = new float[0];
    private float[] shown = new float[0];
    private int[] ranking = new int[0];
    private float fill;
    private double scale = 1;
    private int[] inFlight;
    private int[] pending;
    private int[] shownWindow;
    private Region[] barOf = new Region[0];
    private Label[] valueOf = new Label[0];

    OcclusionProbe(ResourceBundle text, AttributionWork work, IntegerProperty sizeState, Consumer<Throwable> failed) {
        super(MapPanel.GAP);
        this.text = text;
        this.work = work;
        this.failed = failed;
        setId("occlusion-probe");
        size.setId("occlusion-size");
        size.setMajorTickUnit(1);
        size.setSnapToTicks(true);
        size.valueProperty().bindBidirectional(sizeState);
        size.valueProperty().addListener((o, a, b) -> layoutSquare(square.getX(), square.getY()));
        square.setId("occlusion-square");
        square.setStroke(Color.gray(0.2));
        square.setMouseTransparent(true);
        picture.setId("occlusion-picture");
        picture.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> drag(e.getX(), e.getY()));
        picture.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> drag(e.getX(), e.getY()));
        bars.setId("occlusion-bars");
        bars.setHgap(8);
        bars.setVgap(3);
        HBox sizeRow = new HBox(6, sizeLabel, size);
        sizeRow.setAlignment(Pos.CENTER_LEFT);
        hint.setWrapText(true);
        hint.setId("occlusion-hint");
        VBox right = new VBox(10, hint, bars);
        right.setMaxWidth(BAR_WIDTH + 260);
        getChildren().setAll(new VBox(8, new StackPane(picture), sizeRow), right);
        relabel(text);
    }

    void relabel(ResourceBundle t) {
        text = t;
        sizeLabel
                .textProperty()
                .bind(size.valueProperty()
                        .map(v -> String.format(t.getString("attr.probe.size"), (int) Math.round(v.doubleValue()))));
        hint.setText(t.getString("attr.probe.hint"));
        drawBars();
    }

    /** The photo on show and its probabilities, the square where it was (or at the top left). */
    void show(Inference m, ActivationSnapshot snapshot, float fillValue, double side) {
        model = m;
        image = snapshot.layer(0).toArray();
        original = snapshot.network().predictsClasses() ? snapshot.probabilities() : new float[0];
        ranking = original.length == 0 ? new int[0] : snapshot.ranking();
        shown = original;
        fill = fillValue;
        int h = m.model().inputHeight();
        int w = m.model().inputWidth();
        scale = Math.max(1, Math.floor(side / Math.max(h, w)));
        photo.showPixels(MapPanel.photoPixels(image, h, w, false), w, h);
        photo.size(w * scale, h * scale);
        picture.setPrefSize(w * scale, h * scale);
        picture.setMinSize(w * scale, h * scale);
        picture.setMaxSize(w * scale, h * scale);
        picture.setClip(new Rectangle(w * scale, h * scale));
        square.setFill(Color.gray(Math.max(0, Math.min(1, fill))));
        square.setVisible(false);
        drawBars();
    }

    /** The pointer at (x, y) of the picture: the square centred there, its copy computed when the engine is free. */
    void drag(double x, double y) {
        if (model == null || original.length == 0) {
            return;
        }
        int side = (int) Math.round(size.getValue());
        int left = (int) Math.floor(x / scale - side / 2.0);
        int top = (int) Math.floor(y / scale - side / 2.0);
        layoutSquare(left * scale, top * scale);
        square.setVisible(true);
        request(new int[] {top, left, side});
    }

    private void layoutSquare(double x, double y) {
        double side = Math.round(size.getValue()) * scale;
        square.setX(x);
        square.setY(y);
        square.setWidth(side);
        square.setHeight(side);
    }

    private void request(int[] window) {
        if (inFlight != null) {
            pending = window; // the latest position only: older ones are never computed
            return;
        }
        inFlight = window;
        Inference m = model;
        work.probe(m, image, window[0], window[1], window[2], fill, p -> arrived(m, window, p), t -> {
            inFlight = null;
            pending = null;
            failed.accept(t);
        });
    }

    private void arrived(Inference m, int[] window, float[] probabilities) {
        inFlight = null;
        if (m == model) {
            shown = probabilities;
            shownWindow = window;
            updates.set(updates.get() + 1);
            updateBars();
        }
        if (pending != null) {
            int[] next = pending;
            pending = null;
            request(next);
        }
    }

    /** Makes one row per class shown (name, bar over a track with the whole photo's mark, value). */
    private void drawBars() {
        bars.getChildren().clear();
        barOf = new Region[original.length];
        valueOf = new Label[original.length];
        if (original.length == 0) {
            if (model != null) {
                bars.add(new Label(text.getString("attr.probe.classesOnly")), 0, 0);
            }
            return;
        }
        var classes = model.model().description().classes();
        for (int r = 0; r < Math.min(SHOWN_CLASSES, ranking.length); r++) {
            int c = ranking[r];
            Label name = new Label(ClassNames.display(text, classes.get(c)));
            Region bar = new Region();
            bar.getStyleClass().add("occlusion-bar");
            bar.setStyle("-fx-background-color: -color-accent-emphasis;");
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            Region mark = new Region();
            mark.getStyleClass().add("occlusion-mark");
            mark.setStyle("-fx-background-color: -color-fg-default;");
            mark.setPrefSize(2, 16);
            mark.setMaxSize(2, 16);
            mark.setTranslateX(BAR_WIDTH * original[c] - 1);
            StackPane track = new StackPane(bar, mark);
            track.setAlignment(Pos.CENTER_LEFT);
            track.setPrefWidth(BAR_WIDTH);
            track.setMinWidth(BAR_WIDTH);
            track.getStyleClass().add("occlusion-track");
            track.setStyle("-fx-background-color: -color-bg-subtle;");
            Label value = new Label();
            value.setId("occlusion-value-" + c);
            value.setMinWidth(Region.USE_PREF_SIZE);
            barOf[c] = bar;
            valueOf[c] = value;
            bars.addRow(r, name, track, value);
        }
        updateBars();
    }

    /** The shown probabilities into the rows: two properties per class, no new nodes, so a drag stays cheap. */
    private void updateBars() {
        for (int c = 0; c < barOf.length; c++) {
            if (barOf[c] != null) {
                barOf[c].setPrefSize(Math.max(1, BAR_WIDTH * shown[c]), 12);
                valueOf[c].setText(String.format("%.1f %%", 100 * shown[c]));
            }
        }
    }

    /** The probabilities the bars show (for the class indices of the model). */
    float[] shownProbabilities() {
        return shown.clone();
    }

    /** How many occluded copies have reached the bars. */
    ReadOnlyIntegerProperty updatesProperty() {
        return updates.getReadOnlyProperty();
    }

    Pane picture() {
        return picture;
    }

    /** The window whose copy the bars show: top, left, size in input pixels; null before the first drag. */
    int[] shownWindow() {
        return shownWindow == null ? null : shownWindow.clone();
    }
}
