package io.convscope.ui.explanation;

import atlantafx.base.theme.Styles;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.views.ConvolutionExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.common.MatrixGrid;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;
import java.util.function.IntConsumer;

import static io.convscope.ui.explanation.ConvolutionShapes.legend;

/**
 * The convolution elastic explanation (CNN Explainer §2.8): a heading, the {@link ConvolutionDiagram} (the previous
 * layer's maps, each input channel's own kernel, the "intermediate" maps — input channel ⊛ kernel, no bias — a plus
 * symbol with the bias and the neuron's output map), the legends and the {@link ConvolutionReadout}. A
 * {@link ConvolutionSlide} slides over every input and intermediate map revealing the results; wide layers page
 * through their channels ({@link ChannelPager}); clicking an input or intermediate map asks the host to open the
 * formula panel for that channel.
 */
public final class ConvolutionView extends BorderPane {

    static final double WIDTH = 1100;
    /** Input channels drawn at once; wider layers (VGG's 64 to 512) page through them, as the overview scrolls. */
    public static final int PAGE = ChannelPager.PAGE;

    private final ResourceBundle text;
    private final ConvolutionReadout readout;
    private final ConvolutionSlide slide = new ConvolutionSlide();
    private final ConvolutionDiagram diagram;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final HBox legends = new HBox(28);
    private ConvolutionExplanation explanation;
    private int firstChannel;
    private ActivationSnapshot lastSnapshot;
    private double lastInputRange;
    private double lastOutputRange;
    private double sharedRange;
    private IntConsumer onChannelChosen = c -> {};
    private Runnable onClose = () -> {};

    public ConvolutionView(ResourceBundle text) {
        this.text = text;
        this.readout = new ConvolutionReadout(text);
        this.diagram = new ConvolutionDiagram(text, slide, readout);
        setId("conv-view");
        // As tall as its content: a fixed 640 px cut the legends, readout and hint off the view's background, and they
        // were drawn over the faded overview's legends. FitToSize scales the whole view into the window.
        setPrefWidth(WIDTH);
        setMaxSize(WIDTH, Region.USE_PREF_SIZE);
        setPadding(new Insets(12, 16, 12, 16));
        getStyleClass().add("conv-view");

        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("conv-title");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setId("conv-subtitle");
        subtitle.setWrapText(true);
        Button info = new InfoButton("conv-info", text.getString("conv.view.info"), Article.CONVOLUTION);
        Region titleSpacer = new Region();
        HBox.setHgrow(titleSpacer, Priority.ALWAYS);
        HBox titleRow = new HBox(
                6,
                title,
                titleSpacer,
                info,
                new CloseButton("conv-close", text.getString("conv.close"), () -> onClose.run()));
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox heading = new VBox(2, titleRow, subtitle);
        heading.setPadding(new Insets(0, 0, 10, 0));
        setTop(heading);
        setCenter(diagram);
        slide.button().setTooltip(new Tooltip(text.getString("conv.skip.tooltip")));

        Label readoutLabel = new Label();
        readoutLabel.setId("conv-readout");
        readoutLabel.textProperty().bind(readout.property());
        readoutLabel.setStyle("-fx-font-family: monospace;");
        Label hint = new Label(text.getString("conv.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        legends.setAlignment(Pos.CENTER_LEFT);
        readoutLabel.setMinHeight(18);
        setBottom(new VBox(6, legends, readoutLabel, hint));

        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                slide.finish();
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                slide.finish();
            }
        });
    }

    /**
     * Shows how neuron {@code neuron} of convolution layer {@code layer} is computed and starts the sliding-kernel
     * animation.
     *
     * @param inputRange  colour range of the previous layer (ignored for image channels, drawn in greys)
     * @param outputRange colour range of this layer; intermediates and output share max(inputRange, outputRange)
     */
    public void show(ActivationSnapshot s, int layer, int neuron, double inputRange, double outputRange) {
        firstChannel = 0;
        showFrom(s, layer, neuron, inputRange, outputRange);
    }

    /** Shows the page of input channels starting at {@code first} (same neuron, same numbers). */
    void page(int first) {
        if (explanation == null) {
            return;
        }
        int clamped = ChannelPager.clamp(first, explanation.inputChannels());
        if (clamped != firstChannel) {
            firstChannel = clamped;
            showFrom(lastSnapshot, explanation.layer(), explanation.neuron(), lastInputRange, lastOutputRange);
        }
    }

    public int firstChannel() {
        return firstChannel;
    }

    private void showFrom(ActivationSnapshot s, int layer, int neuron, double inputRange, double outputRange) {
        lastSnapshot = s;
        lastInputRange = inputRange;
        lastOutputRange = outputRange;
        slide.clear();
        explanation = new ConvolutionExplanation(s, layer, neuron);
        LayerDescription description = s.network().layer(layer);
        LayerDescription previous = s.network().layer(s.network().inputOf(layer));
        boolean image = s.network().inputOf(layer) == 0;
        sharedRange = image ? outputRange : Math.max(inputRange, outputRange);
        int n = explanation.inputChannels();
        title.setText(String.format(text.getString("conv.title"), description.name(), neuron));
        String source = image ? text.getString("conv.imageChannels") : previous.name();
        subtitle.setText(
                explanation.depthwise()
                        ? String.format(
                                text.getString("conv.subtitle.depthwise"),
                                description.name(),
                                neuron,
                                explanation.inputChannel(0),
                                source)
                        : String.format(text.getString("conv.subtitle"), description.name(), neuron, n, source));
        diagram.build(
                explanation,
                description,
                previous,
                image,
                firstChannel,
                sharedRange,
                c -> onChannelChosen.accept(c),
                this::page);
        buildLegends(image);
        readout.clear();
        slide.replay();
    }

    private void buildLegends(boolean image) {
        legends.getChildren().clear();
        if (image) {
            legends.getChildren().add(legend(text.getString("conv.legend.input"), ValueColors::input, 0, 1, "0", "1"));
        }
        double r = sharedRange / 2;
        legends.getChildren()
                .add(legend(
                        text.getString("conv.legend.activation"),
                        v -> ValueColors.activation(v, sharedRange),
                        -r,
                        r,
                        MatrixGrid.format(-r),
                        MatrixGrid.format(r)));
        double kr = explanation.kernelRange() / 2;
        legends.getChildren()
                .add(legend(
                        text.getString("conv.legend.kernel"),
                        v -> ValueColors.weight(v, explanation.kernelRange(), ValueColors.KERNEL_GAP),
                        -kr,
                        kr,
                        MatrixGrid.format(-kr),
                        MatrixGrid.format(kr)));
    }

    public boolean isSliding() {
        return slide.isSliding();
    }

    /** Position of the sliding outline, 0 … 24, or 25 when the pass is over. */
    int slideStep() {
        return slide.step();
    }

    /** Ends the sliding animation at once (the window was minimised or closed). */
    public void stopSliding() {
        if (isSliding()) {
            slide.finish();
        }
    }

    /** The × button: the view closes, as Esc and a click outside it do. */
    public void setOnClose(Runnable handler) {
        onClose = handler == null ? () -> {} : handler;
    }

    public void setOnChannelChosen(IntConsumer handler) {
        onChannelChosen = handler == null ? c -> {} : handler;
    }

    /** What the pointer is over: a kernel's weights, the bias, or a hint about a map. */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.property();
    }

    public ConvolutionExplanation explanation() {
        return explanation;
    }

    /** Colour range of the intermediate and output maps. */
    public double sharedRange() {
        return sharedRange;
    }

    /** The ARGB colour drawn for cell (x, y) of intermediate map {@code channel} (on the page shown). */
    public int intermediateArgb(int channel, int x, int y) {
        return diagram.intermediateMap(channel - firstChannel).argbAt(x, y);
    }

    /** The ARGB colour drawn for cell (x, y) of input map {@code channel} (on the page shown). */
    int inputArgb(int channel, int x, int y) {
        return diagram.inputMap(channel - firstChannel).argbAt(x, y);
    }

    int outputArgb(int x, int y) {
        return diagram.outputMap().argbAt(x, y);
    }
}
