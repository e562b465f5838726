package io.convscope.ui.explanation.formula;

import atlantafx.base.theme.Styles;
import io.convscope.explain.GridPosition;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.views.ElementwiseExplanation;
import io.convscope.explain.views.PoolingExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.OutputMap;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Motion;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.IntToDoubleFunction;

/**
 * The formula panel of an element-wise or pooling neuron (CNN Explainer §2.7): its input map or maps and its output
 * map side by side, and between them the arithmetic of the current position ({@code max(0, x) = y},
 * {@code max(a, b, c, d) = y}, {@code a + b = y} for a residual addition, {@code scale × x + shift} for batch norm).
 * The position advances every {@value Motion#FORMULA_STEP_MS} ms; hovering any cell jumps there and pauses.
 */
public final class ElementwiseFormulaPanel extends SteppingFormulaPanel {

    static final double GRID_SIZE = 300;
    /** Input grids are smaller when an addition shows two, yet large enough (11 cells of 22 px) to print values. */
    static final double MERGE_GRID_SIZE = 250;

    private final MatrixGrid output = new MatrixGrid(GRID_SIZE);
    private final HBox inputBoxes = new HBox(12);
    private final List<MatrixGrid> inputs = new ArrayList<>();
    private final Label formula = new Label();
    private final Label position = new Label();
    private final ResourceBundle text;
    private final Label titleLabel;
    private final InfoButton info;
    private final Label outputTitle;
    private ElementwiseExplanation elementwise;
    private PoolingExplanation pooling;

    public ElementwiseFormulaPanel(ResourceBundle text, Runnable onClose) {
        this.text = text;
        Label title = new Label();
        title.setId("formula-title");
        InfoButton info = new InfoButton("formula-info", "", Article.RELU);
        HBox header = header(
                title, info, "formula", text.getString("formula.playPause"), text.getString("formula.close"), onClose);

        output.setId("formula-output-grid");
        Label outputTitle = new Label();
        formula.getStyleClass().add("formula");
        formula.setId("formula-text");
        formula.setMinWidth(220);
        formula.setWrapText(true);
        formula.setAlignment(Pos.CENTER);
        VBox outputBox = new VBox(4, outputTitle, output);
        VBox middle = new VBox(8, formula, position);
        middle.setAlignment(Pos.CENTER);
        inputBoxes.setAlignment(Pos.CENTER);
        HBox body = new HBox(18, inputBoxes, middle, outputBox);
        body.setAlignment(Pos.CENTER);
        Label hint = new Label(text.getString("formula.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(header, body, hint);

        output.setOnCellHover((y, x) -> jumpTo(new GridPosition(y, x)));
        this.titleLabel = title;
        this.info = info;
        this.outputTitle = outputTitle;
    }

    /**
     * Shows neuron {@code channel} of layer {@code layer} (an element-wise or pooling layer) and starts stepping.
     * {@code inputRange} gives each input layer's colour range.
     */
    public void show(
            ActivationSnapshot snapshot, int layer, int channel, IntToDoubleFunction inputRange, double outputRange) {
        LayerDescription d = snapshot.network().layer(layer);
        boolean pool = d.kind().isPooling();
        elementwise = pool ? null : new ElementwiseExplanation(snapshot, layer, channel);
        pooling = pool ? new PoolingExplanation(snapshot, layer, channel) : null;
        String kind = pool ? (d.kind() == LayerKind.MAX_POOL ? "maxPool" : "averagePool") : titleKey(d.kind());
        if (d.kind() == LayerKind.DETECTION) {
            // Which of the anchor's numbers this channel is: "box width (anchor 2)", "class 7 probability (anchor 0)".
            String part = elementwise.detectionPart().name().toLowerCase(Locale.ROOT);
            titleLabel.setText(String.format(
                    text.getString("formula.detection." + part),
                    elementwise.anchor(),
                    OutputMap.className(snapshot.network(), elementwise.detectionClass())));
        } else if (d.kind() == LayerKind.ACTIVATION && !d.activation().equals("relu")) {
            titleLabel.setText(String.format(text.getString("formula.activation"), d.activation())); // sigmoid, tanh...
        } else {
            titleLabel.setText(text.getString("formula." + kind));
        }
        info.setExplanation(text.getString("formula." + infoKey(d.kind()) + ".info"));
        info.setSection(Article.sectionFor(d.kind()));
        List<ElementwiseExplanation.Source> sources = pool
                ? List.of(new ElementwiseExplanation.Source(
                        snapshot.network().inputOf(layer),
                        channel,
                        snapshot.network()
                                .layer(snapshot.network().inputOf(layer))
                                .name(),
                        pooling.input()))
                : elementwise.sources();
        double size = sources.size() > 1 ? MERGE_GRID_SIZE : GRID_SIZE;
        inputs.clear();
        inputBoxes.getChildren().clear();
        for (int i = 0; i < sources.size(); i++) {
            ElementwiseExplanation.Source src = sources.get(i);
            MatrixGrid grid = new MatrixGrid(size);
            grid.setId(i == 0 ? "formula-input-grid" : "formula-input-grid-" + (i + 1));
            float[][] in = src.map();
            Label title = new Label(
                    String.format(text.getString("formula.input"), src.name(), src.channel(), in.length, in[0].length));
            title.setMaxWidth(size);
            title.setTooltip(new Tooltip(title.getText()));
            grid.setData(in, v -> ValueColors.activation(v, inputRange.applyAsDouble(src.layer())));
            int source = i;
            grid.setOnCellHover((y, x) -> jumpTo(outputCellFor(source, y, x)));
            inputs.add(grid);
            inputBoxes.getChildren().add(new VBox(4, title, grid));
        }
        float[][] out = pool ? pooling.output() : elementwise.output();
        outputTitle.setText(
                String.format(text.getString("formula.output"), d.name(), channel, out.length, out[0].length));
        output.setData(out, v -> ValueColors.activation(v, outputRange));
        showStep(0);
        setPlaying(true);
    }

    private static String titleKey(LayerKind kind) {
        return switch (kind) {
            case ZERO_PADDING -> "padding";
            case BATCH_NORM -> "batchNorm";
            case SCALE -> "scale";
            case ADD -> "add";
            case MERGE -> "merge";
            case CONCAT -> "concat";
            case UPSAMPLE -> "upsample";
            case SPACE_TO_DEPTH -> "spaceToDepth";
            case DETECTION -> "detection";
            default -> "relu";
        };
    }

    private static String infoKey(LayerKind kind) {
        return switch (kind) {
            case MAX_POOL, AVERAGE_POOL -> "pool";
            case ADD, MERGE, SCALE -> "add";
            case ACTIVATION -> "relu";
            default -> titleKey(kind);
        };
    }

    @Override
    protected int positions() {
        return pooling != null ? pooling.positions() : elementwise != null ? elementwise.positions() : 0;
    }

    @Override
    protected int outputColumns() {
        return output.cols();
    }

    private GridPosition outputCellFor(int source, int y, int x) {
        return pooling != null ? pooling.outputCellFor(y, x) : elementwise.outputCellFor(source, y, x);
    }

    @Override
    protected void render(int step) {
        GridPosition p = pooling != null ? pooling.position(step) : elementwise.position(step);
        if (pooling != null) {
            var s = pooling.step(p.y(), p.x());
            formula.setText(s.formula());
            inputs.get(0)
                    .setHighlight(s.windowOrigin().y(), s.windowOrigin().x(), s.window().length, s.window()[0].length);
        } else {
            var s = elementwise.step(p.y(), p.x());
            formula.setText(s.formula());
            for (int i = 0; i < inputs.size(); i++) {
                GridPosition in = s.inputCells().get(i);
                if (in == null) {
                    inputs.get(i).setHighlight(0, 0, 0, 0); // padding: the output reads no input cell
                } else {
                    inputs.get(i).setHighlight(in.y(), in.x(), 1, 1);
                }
            }
        }
        output.setHighlight(p.y(), p.x(), 1, 1);
        position.setText(String.format(text.getString("formula.position"), p.y(), p.x()));
    }

    public String formulaText() {
        return formula.getText();
    }
}
