package io.convscope.ui.explanation.formula;

import atlantafx.base.theme.Styles;
import io.convscope.explain.GridPosition;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.views.ConvolutionExplanation;
import io.convscope.explain.views.FormulaStep;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;
import java.util.function.DoubleToIntFunction;

/**
 * The convolution formula panel (CNN Explainer §2.9): one input channel, the kernel-math block of the current
 * position (each input value under the kernel with its weight below it, "×" and "+" between the terms, "=" and the
 * result) and the channel's intermediate map (the input channel cross-correlated with its kernel, no bias). The
 * position advances every {@value Motion#FORMULA_STEP_MS} ms; hovering a cell of either grid jumps there and pauses.
 */
public final class ConvolutionFormulaPanel extends SteppingFormulaPanel {

    public static final double GRID_SIZE = 264;
    static final double TERM_WIDTH = 46;
    static final double TERM_HEIGHT = 22;
    static final double WEIGHT_HEIGHT = 17;
    static final Font TERM_FONT = Font.font(11);

    private final ResourceBundle text;
    private final MatrixGrid input = new MatrixGrid(GRID_SIZE);
    private final MatrixGrid output = new MatrixGrid(GRID_SIZE);
    private final Label title = new Label();
    private final Label inputTitle = new Label();
    private final Label outputTitle = new Label();
    private final Label arithmetic = new Label();
    private final Label position = new Label();
    private final GridPane math = new GridPane();
    private Cell[][] inputCells = new Cell[0][0];
    private Cell[][] weightCells = new Cell[0][0];
    private Cell result;
    private Label equals = new Label();
    private ConvolutionExplanation explanation;
    private int channel;
    private DoubleToIntFunction inputColors = v -> 0xFFFFFFFF;
    private DoubleToIntFunction outputColors = v -> 0xFFFFFFFF;

    public ConvolutionFormulaPanel(ResourceBundle text, Runnable onClose) {
        this.text = text;
        setId("conv-formula");
        title.setId("conv-formula-title");
        Button info = new InfoButton("conv-formula-info", text.getString("conv.formula.info"), Article.CONVOLUTION);
        HBox header = header(
                title,
                info,
                "conv-formula",
                text.getString("conv.formula.playPause"),
                text.getString("conv.formula.close"),
                onClose);

        input.setId("conv-formula-input-grid");
        output.setId("conv-formula-output-grid");
        inputTitle.setId("conv-formula-input-title");
        outputTitle.setId("conv-formula-output-title");
        VBox inputBox = new VBox(4, inputTitle, input);
        VBox outputBox = new VBox(4, outputTitle, output);

        math.setId("conv-formula-math");
        math.setHgap(3);
        math.setVgap(8);
        math.setAlignment(Pos.CENTER);
        arithmetic.setId("conv-formula-arithmetic");
        arithmetic.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        arithmetic.setWrapText(true);
        arithmetic.setMaxWidth(330);
        arithmetic.setPrefWidth(330);
        arithmetic.setMinHeight(Region.USE_PREF_SIZE);
        position.getStyleClass().add(Styles.TEXT_MUTED);
        position.setId("conv-formula-position");
        Label mathTitle = new Label(text.getString("conv.formula.math"));
        mathTitle.getStyleClass().add(Styles.TEXT_MUTED);
        mathTitle.setWrapText(true);
        mathTitle.setMaxWidth(330);
        VBox middle = new VBox(10, mathTitle, math, arithmetic, position);
        middle.setAlignment(Pos.CENTER);
        middle.setPrefWidth(340);
        HBox body = new HBox(18, inputBox, middle, outputBox);
        body.setAlignment(Pos.CENTER);

        Label hint = new Label(text.getString("conv.formula.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        getChildren().addAll(header, body, hint);

        input.setOnCellHover((y, x) -> jumpTo(explanation.outputCellFor(y, x)));
        output.setOnCellHover((y, x) -> jumpTo(new GridPosition(y, x)));
    }

    /**
     * Shows how input channel {@code channel} and its kernel make the intermediate map of neuron {@code neuron} of
     * convolution layer {@code layer}, and starts stepping.
     *
     * @param inputRange  colour range of the input map (ignored for the image channels of layer 1, drawn in greys)
     * @param outputRange colour range of the intermediate map
     */
    public void show(ActivationSnapshot s, int layer, int neuron, int channel, double inputRange, double outputRange) {
        explanation = new ConvolutionExplanation(s, layer, neuron);
        this.channel = channel;
        String name = s.network().layer(layer).name();
        String previous = s.network().layer(s.network().inputOf(layer)).name();
        boolean image = s.network().inputOf(layer) == 0;
        inputColors = image ? ValueColors::input : v -> ValueColors.activation(v, inputRange);
        outputColors = v -> ValueColors.activation(v, outputRange);
        float[][] in = explanation.input(channel);
        float[][] out = explanation.intermediate(channel);
        title.setText(String.format(text.getString("conv.formula.title"), name, neuron));
        int read = explanation.inputChannel(channel); // a depthwise neuron's one channel is not #0
        String channelName = image ? channelName(read) : previous + " #" + read;
        inputTitle.setText(String.format(text.getString("conv.formula.input"), channelName, in.length, in[0].length));
        outputTitle.setText(String.format(text.getString("conv.formula.output.short"), out.length, out[0].length));
        input.setData(in, inputColors);
        output.setData(out, outputColors);
        buildMath(explanation.kernel(channel), explanation.kernelRange(channel));
        showStep(0);
        setPlaying(true);
    }

    private String channelName(int c) {
        String[] keys = {"channel.red", "channel.green", "channel.blue"};
        return c < keys.length ? text.getString(keys[c]) + " (#" + c + ")" : "#" + c;
    }

    /** The k x k terms: input cell above, "×" and weight cell below; "+" between terms; "=" and the result. */
    private void buildMath(float[][] kernel, double kernelRange) {
        math.getChildren().clear();
        int k = kernel.length;
        int kw = kernel[0].length;
        inputCells = new Cell[k][kw];
        weightCells = new Cell[k][kw];
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                Cell in = new Cell(TERM_WIDTH, TERM_HEIGHT);
                in.setId("conv-term-input-" + ky + "-" + kx);
                Cell w = new Cell(TERM_WIDTH, WEIGHT_HEIGHT);
                w.setId("conv-term-weight-" + ky + "-" + kx);
                w.set(kernel[ky][kx], ValueColors.weight(kernel[ky][kx], kernelRange, ValueColors.KERNEL_GAP));
                Label times = operator("×");
                times.setMinWidth(12);
                HBox top = new HBox(new Region(), in);
                ((Region) top.getChildren().get(0)).setMinWidth(12);
                HBox bottom = new HBox(times, w);
                bottom.setAlignment(Pos.CENTER_LEFT);
                VBox term = new VBox(1, top, bottom);
                inputCells[ky][kx] = in;
                weightCells[ky][kx] = w;
                math.add(term, 2 * kx, ky);
                boolean last = ky == k - 1 && kx == kw - 1;
                Label op = operator(last ? "=" : "+");
                if (last) {
                    equals = op;
                }
                math.add(op, 2 * kx + 1, ky);
            }
        }
        result = new Cell(TERM_WIDTH + 6, TERM_HEIGHT + 8);
        result.setId("conv-term-result");
        result.box.setStroke(Color.BLACK);
        result.box.setStrokeWidth(2);
        math.add(result, 2 * kw, k - 1);
    }

    private static Label operator(String symbol) {
        Label l = new Label(symbol);
        l.getStyleClass().add("view-operator");
        l.setMinWidth(14);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    @Override
    protected int positions() {
        return explanation == null ? 0 : explanation.positions();
    }

    @Override
    protected int outputColumns() {
        return output.cols();
    }

    @Override
    protected void render(int step) {
        GridPosition p = explanation.position(step);
        FormulaStep s = explanation.step(channel, p.y(), p.x());
        float[][] in = s.inputs();
        for (int ky = 0; ky < in.length; ky++) {
            for (int kx = 0; kx < in[ky].length; kx++) {
                inputCells[ky][kx].set(in[ky][kx], inputColors.applyAsInt(in[ky][kx]));
            }
        }
        result.set(s.sum(), outputColors.applyAsInt(s.sum()));
        equals.setText(s.relation()); // "≈" where the printed terms do not add up to the printed sum
        // Non-breaking spaces keep each "input × weight" term on one line when the equation wraps.
        arithmetic.setText(s.arithmetic().replace(" × ", "\u00a0×\u00a0"));
        input.setHighlight(s.windowOrigin().y(), s.windowOrigin().x(), in.length, in[0].length);
        output.setHighlight(p.y(), p.x(), 1, 1);
        position.setText(String.format(text.getString("conv.formula.position"), p.y(), p.x()));
    }

    /** The equation shown for the current position, as {@link FormulaStep#arithmetic()} writes it. */
    public String arithmeticText() {
        return arithmetic.getText().replace('\u00a0', ' ');
    }

    /** The current output cell. */
    public GridPosition position() {
        return explanation.position(step());
    }

    public ConvolutionExplanation explanation() {
        return explanation;
    }

    int channel() {
        return channel;
    }

    public MatrixGrid inputGrid() {
        return input;
    }

    public MatrixGrid outputGrid() {
        return output;
    }

    /** One coloured number of the kernel-math block. */
    private static final class Cell extends StackPane {
        final Rectangle box;
        final Label value = new Label();

        Cell(double w, double h) {
            box = new Rectangle(w, h);
            box.setStroke(Color.gray(0.35));
            box.setStrokeWidth(0.8);
            value.setFont(TERM_FONT);
            getChildren().addAll(box, value);
            setMinSize(w, h);
            setMaxSize(w, h);
        }

        void set(double v, int argb) {
            box.setFill(Palette.fx(argb));
            value.setTextFill(MatrixGrid.textOn(argb));
            value.setText(MatrixGrid.format(v));
        }
    }
}
