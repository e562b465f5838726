package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.Styles;
import io.convscope.engine.Inference;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionProgress;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.explain.article.Article;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.explain.attribution.GradCamWalkthroughFormulas;
import io.convscope.explain.attribution.GradCamWalkthroughRest;
import io.convscope.network.CamInputs;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.common.RandomWeightsBadge;
import io.convscope.ui.explanation.ConvolutionShapes;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;
import java.util.function.DoubleToIntFunction;

/**
 * Grad-CAM step by step, in CNN Explainer's style: the bars of every alpha_k; one row per channel (strongest first)
 * with its map A_k, its gradient, its alpha_k and its weighted map, the rest summed into one row; the sum, the ReLU,
 * the upsampling and the map over the image; and a formula panel that writes out, with the real values, whatever the
 * pointer is over. Shown by the attribution mode ({@code showDetail}); the host closes it.
 * <p>
 * It follows the workspace's language and theme while it is in a scene, keeping how many channels are drawn and where
 * the rows are scrolled; the numbers come from the {@link GradCamWalkthrough} it was given and are never recomputed.
 */
public final class GradCamSteps extends BorderPane {

    static final double WIDTH = 1100;
    /** Channels drawn at first, and how many more each "show more" adds. */
    public static final int FIRST_SHOWN = 8;

    public static final int MORE = 8;
    static final double ROWS_HEIGHT = 440;

    private final Workspace workspace;
    private final GradCamWalkthrough walkthrough;
    private final InvalidationListener follow = o -> build();
    private int shown;
    private double rowsScroll;
    private ScrollPane rows;
    private GradCamFormulaPane formula;
    private GradCamAlphaBars bars;
    private Language builtLanguage;
    private boolean builtDark;

    public GradCamSteps(Workspace workspace, GradCamWalkthrough walkthrough) {
        this.workspace = workspace;
        this.walkthrough = walkthrough;
        this.shown = Math.min(FIRST_SHOWN, walkthrough.channels());
        setId("gradcam-view");
        getStyleClass().add("explanation-view");
        setPrefWidth(WIDTH);
        setMaxSize(WIDTH, Region.USE_PREF_SIZE);
        setPadding(new Insets(12, 16, 12, 16));
        build();
        // Listening only while shown: a closed view must not be kept alive (and rebuilt) by the workspace.
        sceneProperty().addListener((o, was, now) -> {
            workspace.languageProperty().removeListener(follow);
            workspace.darkProperty().removeListener(follow);
            if (now != null) {
                workspace.languageProperty().addListener(follow);
                workspace.darkProperty().addListener(follow);
                if (builtLanguage != workspace.language()
                        || builtDark != workspace.darkProperty().get()) {
                    build();
                }
            }
        });
    }

    /**
     * The walkthrough of class {@code classIndex}'s logit at description layer {@code layer} (-1: the layer Grad-CAM
     * reads by default, the last with spatial maps) for {@code image}, the model's input array. Runs the model's
     * forward and backward pass: call it off the FX thread.
     *
     * @throws ModelLoadException       when the model cannot be compiled for gradients
     * @throws IllegalArgumentException with a sentence naming the class or layer the model does not have
     */
    public static GradCamWalkthrough compute(Inference model, float[] image, int classIndex, int layer)
            throws ModelLoadException {
        return compute(Attribution.of(model.model()), image, classIndex, layer, AttributionProgress.NONE);
    }

    /**
     * As {@link #compute(Inference, float[], int, int)}, reusing an {@link Attribution} the caller keeps and telling
     * {@code progress} after each layer of the pass (it may stop it there).
     */
    public static GradCamWalkthrough compute(
            Attribution attribution, float[] image, int classIndex, int layer, AttributionProgress progress) {
        AttributionTarget target = attribution.classTarget(classIndex);
        int layers = attribution.description().layers().size();
        if (layer >= layers) {
            throw new IllegalArgumentException("the network has no layer " + layer + "; it has " + layers);
        }
        String name = layer < 0 ? null : attribution.description().layer(layer).name();
        CamInputs inputs = attribution.camInputs(image, target, attribution.camLayer(name, target), progress);
        return GradCamWalkthrough.of(inputs, image, attribution.description().inputShape());
    }

    public GradCamWalkthrough walkthrough() {
        return walkthrough;
    }

    /** How many channels are drawn as rows; the rest are summed into one. */
    public int shownChannels() {
        return shown;
    }

    /** Draws {@value #MORE} more channels (the "show more" button). */
    void showMore() {
        shown = Math.min(walkthrough.channels(), shown + MORE);
        build();
    }

    /** Builds every labelled part in the workspace's language and theme, keeping the channels shown and the scroll. */
    private void build() {
        if (rows != null) {
            rowsScroll = rows.getVvalue();
        }
        builtLanguage = workspace.language();
        builtDark = workspace.darkProperty().get();
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        GradCamWalkthroughRest rest = walkthrough.rest(shown);
        GradCamColors colors = GradCamColors.of(walkthrough, rest.map());
        formula = new GradCamFormulaPane(text.getString("gradcam.hint"), text.getString("gradcam.grid.scaled"));
        GradCamHover hover = new GradCamHover(walkthrough, text, colors, formula);
        hover.rest(rest.map(), rest.channels());

        setTop(heading(text));
        bars = new GradCamAlphaBars(
                walkthrough, colors, WIDTH - 32, workspace.palette().text());
        bars.draw(shown, workspace.palette().text());
        bars.onHover(hover::alpha, () -> {});
        Label barsCaption = new Label(String.format(text.getString("gradcam.bars"), walkthrough.channels()));
        barsCaption.getStyleClass().add("view-annotation");

        rows = new ScrollPane(new GradCamChannelRows(walkthrough, shown, rest, colors, hover, text, this::showMore));
        rows.setId("gradcam-rows-scroll");
        rows.setPrefViewportHeight(ROWS_HEIGHT);
        rows.setPrefViewportWidth(channelColumnsWidth() + 8);
        rows.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        rows.getStyleClass().add("edge-to-edge");
        rows.applyCss();
        rows.setVvalue(rowsScroll);
        VBox channels = new VBox(4, columnHeaders(text), rows);
        GradCamResults results = new GradCamResults(walkthrough, colors, hover, text);
        HBox body = new HBox(24, channels, results, formula);
        body.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(formula, Priority.NEVER);

        HBox legends = new HBox(
                28,
                legend(text.getString("gradcam.legend.maps"), colors.maps(), colors::map),
                legend(text.getString("gradcam.legend.gradients"), colors.gradients(), colors::gradient),
                legend(text.getString("gradcam.legend.logit"), colors.logit(), colors::logit));
        Label hint = new Label(text.getString("gradcam.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        VBox centre = new VBox(8, new VBox(2, barsCaption, bars), body, legends, hint);
        setCenter(centre);
        hover.layerCell(GradCamHover.Step.SUM, -1, strongestCell());
    }

    /** The cell the Grad-CAM map is largest at: the formula panel starts there rather than empty. */
    private int strongestCell() {
        int best = 0;
        for (int i = 1; i < walkthrough.cells(); i++) {
            best = walkthrough.sum(i) > walkthrough.sum(best) ? i : best;
        }
        return best;
    }

    private VBox heading(ResourceBundle text) {
        var in = walkthrough.inputs();
        String className = ClassNames.display(text, in.targetName());
        Label title = new Label(String.format(text.getString("gradcam.title"), className, in.layer()));
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("gradcam-title");
        var s = walkthrough.shape();
        Label subtitle = new Label(String.format(
                text.getString("gradcam.subtitle"),
                className,
                GradCamWalkthroughFormulas.number(in.logit()),
                in.layer(),
                s.channels(),
                s.height(),
                s.width()));
        subtitle.setId("gradcam-subtitle");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        InfoButton info = new InfoButton("gradcam-info", text.getString("gradcam.info"), Article.ATTRIBUTION);
        RandomWeightsBadge random = new RandomWeightsBadge(text, "gradcam-random");
        random.showFor(in.randomWeights());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, random, spacer, info);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox heading = new VBox(2, titleRow, subtitle);
        heading.setPadding(new Insets(0, 0, 8, 0));
        return heading;
    }

    private static double channelColumnsWidth() {
        return GradCamChannelRows.NUMBER
                + 3 * GradCamChannelRows.MAP
                + GradCamChannelRows.BAR
                + 4 * GradCamChannelRows.GAP;
    }

    private HBox columnHeaders(ResourceBundle text) {
        var s = walkthrough.shape();
        HBox headers = new HBox(
                GradCamChannelRows.GAP,
                header(text.getString("gradcam.column.channel"), GradCamChannelRows.NUMBER),
                header(
                        String.format(text.getString("gradcam.column.maps"), s.height(), s.width()),
                        GradCamChannelRows.MAP),
                header(text.getString("gradcam.column.gradients"), GradCamChannelRows.MAP),
                header(text.getString("gradcam.column.alpha"), GradCamChannelRows.BAR),
                header(text.getString("gradcam.column.weighted"), GradCamChannelRows.MAP));
        headers.setAlignment(Pos.BOTTOM_LEFT);
        return headers;
    }

    private static Label header(String s, double width) {
        Label l = new Label(s);
        l.getStyleClass().add("view-header-strong");
        l.setWrapText(true);
        l.setPrefWidth(width);
        l.setMinWidth(width);
        l.setMaxWidth(width);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static Node legend(String name, double range, DoubleToIntFunction colors) {
        double r = range / 2;
        return ConvolutionShapes.legend(
                name, colors, -r, r, GradCamWalkthroughFormulas.number(-r), GradCamWalkthroughFormulas.number(r));
    }

    /** The formula panel (tests read what it shows). */
    GradCamFormulaPane formulaPane() {
        return formula;
    }

    ScrollPane rowsScroll() {
        return rows;
    }
}
