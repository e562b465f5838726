package io.convscope.ui;

import io.convscope.explain.GridPosition;
import io.convscope.explain.HyperparameterPlayground;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The hyperparameter playground: input size, padding, kernel size and stride as number fields and sliders, the
 * kernel sliding over the padded input into the output grid (one position a second, hover to jump, play/pause), the
 * output-size formula with the current numbers, and — where CNN Explainer refuses — the rounded-down output with the
 * rows and columns no window covers marked and explained.
 */
final class HyperparameterView extends VBox {

    /** Side of each grid (CNN Explainer: 198 px; a little smaller so both fit side by side in the Learn panel). */
    static final double GRID = 170;
    static final double FORMULA_SIZE = 16;
    static final Color WINDOW = Color.web("#FF2738");
    static final Color CELL = Color.web("#dddddd");
    static final Color PADDING_CELL = Color.web("#aaaaaa");
    static final Color GRID_LINE = Color.web("#555555");
    static final Color UNCOVERED = Color.web("#7a4df0");

    private final ResourceBundle text;
    private final Palette palette;
    private final Spinner<Integer>[] fields;
    private final Slider[] sliders;
    private final Label[] labels;
    private final Canvas inputGrid = new Canvas(GRID, GRID);
    private final Canvas outputGrid = new Canvas(GRID, GRID);
    private final Label inputTitle = new Label();
    private final Label paddedTitle = new Label();
    private final Label outputTitle = new Label();
    private final StackPane formula = new StackPane();
    private final Label coverage = new Label();
    private final Button play = new Button();
    private final Timeline timeline = new Timeline();
    private HyperparameterPlayground model = HyperparameterPlayground.DEFAULT;
    private int step;
    private boolean syncing;
    /** What the play button shows: the user's choice; the timeline itself also waits until the playground is seen. */
    private boolean wanted;
    /** The article's scroll pane around the playground, if any. */
    private ScrollPane scroller;

    @SuppressWarnings("unchecked")
    HyperparameterView(ResourceBundle text, Palette palette) {
        super(12);
        this.text = text;
        this.palette = palette;
        setId("playground");
        getStyleClass().add("playground");
        setPadding(new Insets(12));
        setMaxWidth(560);
        setMaxHeight(USE_PREF_SIZE);

        String[] keys = {"playground.input", "playground.padding", "playground.kernel", "playground.stride"};
        fields = new Spinner[keys.length];
        sliders = new Slider[keys.length];
        labels = new Label[keys.length];
        GridPane controls = new GridPane();
        controls.setHgap(10);
        controls.setVgap(6);
        ColumnConstraints labelColumn = new ColumnConstraints();
        labelColumn.setHalignment(HPos.RIGHT);
        labelColumn.setMinWidth(105);
        ColumnConstraints sliderColumn = new ColumnConstraints();
        sliderColumn.setHgrow(Priority.ALWAYS);
        controls.getColumnConstraints().addAll(labelColumn, new ColumnConstraints(), sliderColumn);
        for (int i = 0; i < keys.length; i++) {
            int control = i;
            labels[i] = new Label(text.getString(keys[i]));
            labels[i].getStyleClass().add("playground-label");
            Tooltip tip = new Tooltip(text.getString(keys[i] + ".tooltip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            fields[i] = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 99, 0));
            fields[i].setEditable(true);
            fields[i].setPrefWidth(78);
            fields[i].setId(keys[i].replace('.', '-') + "-field");
            fields[i].setTooltip(tip);
            fields[i].valueProperty().addListener((o, was, now) -> {
                if (!syncing && now != null) {
                    change(control, now);
                }
            });
            sliders[i] = new Slider();
            sliders[i].setMajorTickUnit(1);
            sliders[i].setMinorTickCount(0);
            sliders[i].setSnapToTicks(true);
            sliders[i].setShowTickMarks(true);
            sliders[i].setId(keys[i].replace('.', '-') + "-slider");
            sliders[i].setMinWidth(60);
            sliders[i].setPrefWidth(200);
            sliders[i].setTooltip(new Tooltip(text.getString(keys[i] + ".tooltip")));
            sliders[i].valueProperty().addListener((o, was, now) -> {
                if (!syncing) {
                    change(control, (int) Math.round(now.doubleValue()));
                }
            });
            labels[i].setLabelFor(fields[i]);
            controls.addRow(i, labels[i], fields[i], sliders[i]);
        }

        paddedTitle.getStyleClass().add("playground-subtitle");
        inputTitle.getStyleClass().add("playground-grid-title");
        outputTitle.getStyleClass().add("playground-grid-title");
        inputGrid.setId("playground-input");
        outputGrid.setId("playground-output");
        VBox inputBox = new VBox(2, inputTitle, paddedTitle, inputGrid);
        VBox outputBox = new VBox(2, outputTitle, new Label(" "), outputGrid);
        inputBox.setAlignment(Pos.TOP_CENTER);
        outputBox.setAlignment(Pos.TOP_CENTER);
        play.getStyleClass().add("flat");
        play.setId("playground-play");
        play.setTooltip(new Tooltip(text.getString("playground.playPause")));
        play.setOnAction(e -> setPlaying(!wanted));
        // A flow, not a row: in a narrow Learn panel the output grid moves under the input instead of overflowing.
        javafx.scene.layout.FlowPane grids = new javafx.scene.layout.FlowPane(24, 12, inputBox, outputBox);
        grids.setAlignment(Pos.TOP_CENTER);
        grids.setColumnHalignment(HPos.CENTER);

        formula.setId("playground-formula");
        formula.setMinHeight(44);
        coverage.setId("playground-coverage");
        coverage.setWrapText(true);
        coverage.getStyleClass().add("playground-coverage");
        Label hint = new Label(text.getString("playground.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add("article-caption");
        hint.setWrapText(true);
        javafx.scene.layout.FlowPane legend = legend();
        legend.getChildren().add(0, play);
        getChildren().addAll(controls, grids, legend, formula, coverage, hint);

        inputGrid.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int n = model.paddedSize();
            int y = (int) Math.min(n - 1, e.getY() / (GRID / n));
            int x = (int) Math.min(n - 1, e.getX() / (GRID / n));
            jumpTo(model.stepCovering(y, x));
        });
        outputGrid.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int m = model.outputSize();
            jumpTo(model.stepOf((int) (e.getY() / (GRID / m)), (int) (e.getX() / (GRID / m))));
        });
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(Motion.PLAYGROUND_STEP_MS), e -> {
            step = (step + 1) % model.steps();
            draw();
        }));
        timeline.setCycleCount(Animation.INDEFINITE);
        // Nothing animates unseen: stop when hidden or taken out of the window.
        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                setPlaying(false);
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                setPlaying(false);
            } else if (was == null) {
                scroller = enclosingScrollPane();
                setPlaying(true);
            }
        });
        // Scrolled out of the article's view, it stops too, and runs again when scrolled back.
        localToSceneTransformProperty().addListener((o, was, now) -> runIfSeen());
        apply(model, -1);
    }

    private javafx.scene.layout.FlowPane legend() {
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(14, 4);
        row.setAlignment(Pos.CENTER);
        row.getChildren().addAll(swatch(PADDING_CELL, false, "playground.legend.padding"),
                swatch(CELL, false, "playground.legend.input"), swatch(WINDOW, false, "playground.legend.window"),
                swatch(CELL, true, "playground.legend.uncovered"));
        return row;
    }

    private Label swatch(Color fill, boolean hatched, String key) {
        Canvas c = new Canvas(14, 14);
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFill(fill);
        g.fillRect(0, 0, 14, 14);
        if (hatched) {
            hatch(g, 0, 0, 14);
        }
        g.setStroke(GRID_LINE);
        g.strokeRect(0.5, 0.5, 13, 13);
        Label l = new Label(text.getString(key), c);
        l.getStyleClass().add("article-caption");
        return l;
    }

    /** The theme changed: the typeset formula is an image in the old ink, so typeset it again. */
    void themeChanged() {
        formula.getChildren().setAll(LatexFormula.view(formulaLatex(), FORMULA_SIZE, palette.text()));
    }

    /** A control changed: the model clamps it and settles the others; controls it moved are marked briefly. */
    private void change(int control, int value) {
        HyperparameterPlayground next = switch (control) {
            case 0 -> model.withInput(value);
            case 1 -> model.withPadding(value);
            case 2 -> model.withKernel(value);
            default -> model.withStride(value);
        };
        apply(next, control);
    }

    /** Shows a setting; {@code changed} is the control the student moved (-1: none). */
    void apply(HyperparameterPlayground next, int changed) {
        int[] before = values(model);
        model = next;
        int[] after = values(model);
        int[][] limits = {{model.inputMin(), model.inputMax()}, {0, model.paddingMax()},
                {model.kernelMin(), model.kernelMax()}, {1, model.strideMax()}};
        syncing = true;
        try {
            for (int i = 0; i < fields.length; i++) {
                var factory = (SpinnerValueFactory.IntegerSpinnerValueFactory) fields[i].getValueFactory();
                factory.setMin(limits[i][0]);
                factory.setMax(limits[i][1]);
                factory.setValue(after[i]);
                // A slider needs a range to slide over; a fixed value shows as a disabled slider.
                sliders[i].setMin(limits[i][0]);
                sliders[i].setMax(Math.max(limits[i][1], limits[i][0] + 1));
                sliders[i].setDisable(limits[i][0] == limits[i][1]);
                sliders[i].setValue(after[i]);
                if (changed >= 0 && i != changed && before[i] != after[i]) {
                    mark(labels[i]);
                }
            }
        } finally {
            syncing = false;
        }
        step = 0;
        int n = model.input();
        int padded = model.paddedSize();
        int m = model.outputSize();
        inputTitle.setText(String.format(text.getString("playground.inputGrid"), n, n));
        paddedTitle.setText(String.format(text.getString("playground.paddedGrid"), padded, padded));
        outputTitle.setText(String.format(text.getString("playground.outputGrid"), m, m));
        formula.getChildren().setAll(LatexFormula.view(formulaLatex(), FORMULA_SIZE, palette.text()));
        coverage.setText(coverageSentence());
        coverage.getStyleClass().remove("playground-coverage-warning");
        if (model.coverage() != HyperparameterPlayground.Coverage.FULL) {
            coverage.getStyleClass().add("playground-coverage-warning");
        }
        draw();
        if (changed >= 0) {
            setPlaying(true); // any change restarts and un-pauses, as in CNN Explainer
        }
    }

    private static int[] values(HyperparameterPlayground p) {
        return new int[] {p.input(), p.padding(), p.kernel(), p.stride()};
    }

    private void mark(Label label) {
        label.getStyleClass().add("playground-adjusted");
        PauseTransition t = new PauseTransition(Duration.millis(Motion.ADJUSTED_MARK_MS));
        t.setOnFinished(e -> label.getStyleClass().remove("playground-adjusted"));
        t.play();
    }

    /** floor((n + 2p - k) / s) + 1 with the current numbers, and each step of the working. */
    String formulaLatex() {
        int n = model.input();
        int p = model.padding();
        int k = model.kernel();
        int s = model.stride();
        int top = n + 2 * p - k;
        String quotient = top % s == 0 ? Integer.toString(top / s)
                : String.format(Locale.ROOT, "%s", trim((double) top / s));
        return "\\left\\lfloor \\frac{" + n + " + 2 \\cdot " + p + " - " + k + "}{" + s + "} \\right\\rfloor + 1"
                + " = \\left\\lfloor " + quotient + " \\right\\rfloor + 1 = " + model.outputSize();
    }

    private static String trim(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v);
        return t.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    String coverageSentence() {
        int n = model.input();
        int p = model.padding();
        int k = model.kernel();
        int s = model.stride();
        int m = model.outputSize();
        int top = n + 2 * p - k;
        int gapRows = 0;
        for (int i : model.uncovered()) {
            if (i < model.paddedSize() - model.remainder()) {
                gapRows++;
            }
        }
        return switch (model.coverage()) {
            case FULL -> String.format(text.getString("playground.coverage.full"), n, p, k, top, s, m, m);
            case REMAINDER -> String.format(text.getString("playground.coverage.remainder"), n, p, k, top, s,
                    model.remainder(), m, m);
            case GAPS -> String.format(text.getString("playground.coverage.gaps"), s, k, gapRows, m, m);
            case GAPS_AND_REMAINDER -> String.format(text.getString("playground.coverage.gaps"), s, k, gapRows, m, m)
                    + " " + String.format(text.getString("playground.coverage.remainder"), n, p, k, top, s,
                    model.remainder(), m, m);
        };
    }

    private void jumpTo(int target) {
        setPlaying(false);
        step = target;
        draw();
    }

    void setPlaying(boolean on) {
        wanted = on && getScene() != null && isVisible();
        play.setGraphic(new FontIcon(wanted ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
        runIfSeen();
    }

    /** The timeline runs while playing is wanted and some of the playground is inside its scroll pane's view. */
    private void runIfSeen() {
        boolean seen = scroller == null
                || scroller.localToScene(scroller.getLayoutBounds()).intersects(localToScene(getLayoutBounds()));
        if (wanted && seen) {
            timeline.play();
        } else {
            timeline.pause();
        }
    }

    private ScrollPane enclosingScrollPane() {
        for (Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane pane) {
                return pane;
            }
        }
        return null;
    }

    boolean isPlaying() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    HyperparameterPlayground model() {
        return model;
    }

    int step() {
        return step;
    }

    /** Draws both grids: padding, cells never covered (hatched), the kernel window and its output cell. */
    void draw() {
        int n = model.paddedSize();
        double cell = GRID / n;
        GridPosition w = model.window(step);
        int k = model.kernel();
        GraphicsContext g = inputGrid.getGraphicsContext2D();
        g.clearRect(0, 0, GRID, GRID);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean pad = model.isPadding(y) || model.isPadding(x);
                boolean inWindow = y >= w.y() && y < w.y() + k && x >= w.x() && x < w.x() + k;
                g.setFill(inWindow ? WINDOW.deriveColor(0, 1, 1, 0.75) : pad ? PADDING_CELL : CELL);
                g.fillRect(x * cell, y * cell, cell, cell);
                if (!model.isCovered(y) || !model.isCovered(x)) {
                    hatch(g, x * cell, y * cell, cell);
                }
            }
        }
        grid(g, n, cell);
        g.setStroke(WINDOW);
        g.setLineWidth(3);
        g.strokeRect(w.x() * cell + 1.5, w.y() * cell + 1.5, k * cell - 3, k * cell - 3);

        int m = model.outputSize();
        double outCell = GRID / m;
        GridPosition o = model.position(step);
        GraphicsContext go = outputGrid.getGraphicsContext2D();
        go.clearRect(0, 0, GRID, GRID);
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                boolean current = y == o.y() && x == o.x();
                go.setFill(current ? WINDOW.deriveColor(0, 1, 1, 0.75) : CELL);
                go.fillRect(x * outCell, y * outCell, outCell, outCell);
            }
        }
        grid(go, m, outCell);
    }

    /** Diagonal purple lines: this cell is never under the kernel. */
    private static void hatch(GraphicsContext g, double x, double y, double size) {
        g.save();
        g.beginPath();
        g.rect(x, y, size, size);
        g.clip();
        g.setStroke(UNCOVERED);
        g.setLineWidth(1.5);
        double step = Math.max(5, size / 4);
        for (double d = -size; d < size; d += step) {
            g.strokeLine(x + d, y + size, x + d + size, y);
        }
        g.restore();
    }

    private static void grid(GraphicsContext g, int n, double cell) {
        g.setStroke(GRID_LINE);
        g.setLineWidth(1);
        for (int i = 0; i <= n; i++) {
            double v = Math.min(GRID - 0.5, i * cell + 0.5);
            g.strokeLine(v, 0, v, GRID);
            g.strokeLine(0, v, GRID, v);
        }
    }

    /** For tests: the label of control 0..3 (input, padding, kernel, stride). */
    Label label(int control) {
        return labels[control];
    }

    Spinner<Integer> field(int control) {
        return fields[control];
    }

    Slider slider(int control) {
        return sliders[control];
    }

    /** For tests: the pixels of a grid as drawn, ARGB, row by row, {@value #GRID} wide. */
    int[] pixels(boolean input) {
        Canvas c = input ? inputGrid : outputGrid;
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setFill(Color.WHITE);
        var image = c.snapshot(p, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }
}
