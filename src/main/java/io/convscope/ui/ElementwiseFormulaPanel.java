package io.convscope.ui;

import io.convscope.explain.ActivationExplanation;
import io.convscope.explain.GridPosition;
import io.convscope.explain.PoolingExplanation;
import io.convscope.explain.ValueColors;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerKind;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

/**
 * The formula panel of a ReLU or pooling neuron (CNN Explainer §2.7): its input map and output map side by side, and
 * between them the arithmetic of the current position ({@code max(0, x) = y}, {@code max(a, b, c, d) = y}). The
 * position advances every {@value Motion#FORMULA_STEP_MS} ms; hovering any cell jumps there and pauses.
 */
final class ElementwiseFormulaPanel extends VBox {

    static final double GRID_SIZE = 300;

    private final MatrixGrid input = new MatrixGrid(GRID_SIZE);
    private final MatrixGrid output = new MatrixGrid(GRID_SIZE);
    private final Label formula = new Label();
    private final Label position = new Label();
    private final Button play = new Button();
    private final Timeline timeline = new Timeline();
    private final ResourceBundle text;
    private final Label titleLabel;
    private final InfoButton info;
    private final Label inputTitle;
    private final Label outputTitle;
    private ActivationExplanation activation;
    private PoolingExplanation pooling;
    private int step;

    ElementwiseFormulaPanel(ResourceBundle text, Runnable onClose) {
        this.text = text;
        getStyleClass().add("formula-panel");
        setSpacing(10);
        setPadding(new Insets(14));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        Label title = new Label();
        title.getStyleClass().add("title-3");
        title.setId("formula-title");
        InfoButton info = new InfoButton("formula-info", "", io.convscope.explain.Article.RELU);
        play.getStyleClass().add("flat");
        play.setId("formula-play");
        play.setTooltip(new Tooltip(text.getString("formula.playPause")));
        play.setOnAction(e -> setPlaying(timeline.getStatus() != javafx.animation.Animation.Status.RUNNING));
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().add("flat");
        close.setId("formula-close");
        close.setTooltip(new Tooltip(text.getString("formula.close")));
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, info, play, close);
        header.setAlignment(Pos.CENTER_LEFT);

        input.setId("formula-input-grid");
        output.setId("formula-output-grid");
        Label inputTitle = new Label();
        Label outputTitle = new Label();
        formula.getStyleClass().add("formula");
        formula.setId("formula-text");
        formula.setMinWidth(220);
        formula.setWrapText(true);
        formula.setAlignment(Pos.CENTER);
        VBox inputBox = new VBox(4, inputTitle, input);
        VBox outputBox = new VBox(4, outputTitle, output);
        VBox middle = new VBox(8, formula, position);
        middle.setAlignment(Pos.CENTER);
        HBox body = new HBox(18, inputBox, middle, outputBox);
        body.setAlignment(Pos.CENTER);
        Label hint = new Label(text.getString("formula.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add("text-muted");
        getChildren().addAll(header, body, hint);

        input.setOnCellHover((y, x) -> jumpTo(outputCellFor(y, x)));
        output.setOnCellHover((y, x) -> jumpTo(new GridPosition(y, x)));
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(Motion.FORMULA_STEP_MS), e -> show(step + 1)));
        timeline.setCycleCount(Timeline.INDEFINITE);
        // A hidden panel must not keep animating (a running timeline also keeps the panel alive).
        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                setPlaying(false);
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                setPlaying(false);
            }
        });
        this.titleLabel = title;
        this.info = info;
        this.inputTitle = inputTitle;
        this.outputTitle = outputTitle;
    }

    /** Shows neuron {@code channel} of layer {@code layer} (a ReLU-like or pooling layer) and starts stepping. */
    void show(ActivationSnapshot snapshot, int layer, int channel, double inputRange, double outputRange) {
        boolean pool = snapshot.network().layer(layer).kind().isPooling();
        activation = pool ? null : new ActivationExplanation(snapshot, layer, channel);
        pooling = pool ? new PoolingExplanation(snapshot, layer, channel) : null;
        String name = snapshot.network().layer(layer).name();
        String previous = snapshot.network().layer(layer - 1).name();
        boolean max = pool && snapshot.network().layer(layer).kind() == LayerKind.MAX_POOL;
        titleLabel.setText(text.getString(pool ? (max ? "formula.maxPool" : "formula.averagePool") : "formula.relu"));
        info.setExplanation(text.getString(pool ? "formula.pool.info" : "formula.relu.info"));
        info.setSection(pool ? io.convscope.explain.Article.POOLING : io.convscope.explain.Article.RELU);
        float[][] in = pool ? pooling.input() : activation.input();
        float[][] out = pool ? pooling.output() : activation.output();
        inputTitle.setText(String.format(text.getString("formula.input"), previous, channel, in.length, in[0].length));
        outputTitle.setText(String.format(text.getString("formula.output"), name, channel, out.length, out[0].length));
        input.setData(in, v -> ValueColors.activation(v, inputRange));
        output.setData(out, v -> ValueColors.activation(v, outputRange));
        show(0);
        setPlaying(true);
    }

    private int positions() {
        return pooling != null ? pooling.positions() : activation.positions();
    }

    private GridPosition outputCellFor(int y, int x) {
        return pooling != null ? pooling.outputCellFor(y, x) : new GridPosition(y, x);
    }

    private void jumpTo(GridPosition cell) {
        setPlaying(false);
        int cols = output.cols();
        show(cell.y() * cols + cell.x());
    }

    /** Shows position {@code index} (row-major over the output), wrapping around. */
    private void show(int index) {
        step = Math.floorMod(index, positions());
        GridPosition p = pooling != null ? pooling.position(step) : activation.position(step);
        if (pooling != null) {
            var s = pooling.step(p.y(), p.x());
            formula.setText(s.formula());
            input.setHighlight(s.windowOrigin().y(), s.windowOrigin().x(), s.window().length, s.window()[0].length);
        } else {
            var s = activation.step(p.y(), p.x());
            formula.setText(s.formula());
            input.setHighlight(p.y(), p.x(), 1, 1);
        }
        output.setHighlight(p.y(), p.x(), 1, 1);
        position.setText(String.format(text.getString("formula.position"), p.y(), p.x()));
    }

    void setPlaying(boolean on) {
        if (on) {
            timeline.play();
        } else {
            timeline.pause();
        }
        play.setGraphic(new FontIcon(on ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
    }

    boolean isPlaying() {
        return timeline.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    String formulaText() {
        return formula.getText();
    }

    int step() {
        return step;
    }
}
