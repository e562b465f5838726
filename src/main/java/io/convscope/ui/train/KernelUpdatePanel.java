package io.convscope.ui.train;

import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.training.KernelUpdateExplanation;
import io.convscope.explain.training.StepNumbers;
import io.convscope.network.KernelStep;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * One training step, explained with the real numbers: the batch (its images as the network saw them, with their
 * labels), its mean loss, and one kernel as three grids, old weights | gradient | new weights. Hovering a weight in
 * any grid outlines it in all three and writes its update out line by line (the gradient, the optimiser's momentum
 * or Adam moments, the new weight). Feed it {@link #show(KernelStep)} on the FX thread with what
 * {@code StepInspector} recorded; it follows the workspace's language and theme and keeps the step.
 */
public final class KernelUpdatePanel extends VBox {

    static final double GRID = 174;
    static final double THUMBNAIL = 44;
    /** Thumbnails shown at most; a larger batch says how many more it has. */
    static final int MAX_THUMBNAILS = 32;

    static final String FORMULA_FONT = "-fx-font-family: \"System\";";

    private final Workspace workspace;
    private final Label title = new Label();
    private final InfoButton info = new InfoButton("train-step-info", "", Article.TRAINING);
    private final Label empty = new Label();
    private final Label batchLine = new Label();
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final Label kernelLine = new Label();
    private final Label optimiserLine = new Label();
    private final KernelGrid before;
    private final KernelGrid gradient;
    private final KernelGrid after;
    private final Label beforeTitle = new Label();
    private final Label gradientTitle = new Label();
    private final Label afterTitle = new Label();
    private final Label weightLine = new Label();
    /** Says how many images of a large batch have no thumbnail. */
    private final Label more = new Label();

    private final VBox formula = new VBox(6);
    private final VBox body;
    private KernelUpdateExplanation explanation;
    private int hoverY;
    private int hoverX;

    public KernelUpdatePanel(Workspace workspace) {
        this.workspace = workspace;
        setId("train-step-panel"); // "train-step" is the Step button's
        getStyleClass().add("train-step");
        setSpacing(8);
        before = new KernelGrid(GRID, workspace.palette());
        gradient = new KernelGrid(GRID, workspace.palette());
        after = new KernelGrid(GRID, workspace.palette());
        before.setId("train-step-before");
        gradient.setId("train-step-gradient");
        after.setId("train-step-after");
        for (KernelGrid g : List.of(before, gradient, after)) {
            g.setOnCellHover(this::hover);
        }
        title.getStyleClass().add("title-4");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, info);
        header.setAlignment(Pos.CENTER_LEFT);
        thumbnails.setId("train-step-batch");
        thumbnails.setPrefWrapLength(10 * (THUMBNAIL + 4));
        batchLine.setId("train-step-batch-line");
        weightLine.setId("train-step-weight");
        formula.setId("train-step-formula");
        HBox grids =
                new HBox(16, titled(beforeTitle, before), titled(gradientTitle, gradient), titled(afterTitle, after));
        body = new VBox(8, batchLine, thumbnails, kernelLine, optimiserLine, grids, weightLine, formula);
        empty.setWrapText(true);
        empty.setId("train-step-empty");
        getChildren().setAll(header, empty);
        relabel();
        workspace.languageProperty().addListener(o -> relabel());
        workspace.darkProperty().addListener(o -> redraw());
    }

    private static VBox titled(Label title, KernelGrid grid) {
        title.setWrapText(true);
        title.setPrefWidth(GRID);
        title.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, title, grid);
        box.setAlignment(Pos.BOTTOM_LEFT);
        return box;
    }

    /** Shows a recorded step (FX thread); the hovered weight stays where it was when the kernel has it. */
    public void show(KernelStep step) {
        explanation = new KernelUpdateExplanation(step);
        if (hoverY >= explanation.rows() || hoverX >= explanation.columns()) {
            hoverY = 0;
            hoverX = 0;
        }
        thumbnails.getChildren().clear();
        int n = Math.min(MAX_THUMBNAILS, step.batch().size());
        for (int i = 0; i < n; i++) {
            HeatmapView image = new HeatmapView();
            image.showPixels(
                    explanation.thumbnail(i),
                    step.batch().inputShape().width(),
                    step.batch().inputShape().height());
            image.size(THUMBNAIL);
            Label name = new Label(null, image);
            name.setContentDisplay(ContentDisplay.TOP);
            name.setMaxWidth(THUMBNAIL + 4);
            name.getStyleClass().add("text-small");
            thumbnails.getChildren().add(name);
        }
        if (step.batch().size() > n) {
            more.setId("train-step-more");
            thumbnails.getChildren().add(more);
        }
        getChildren().setAll(getChildren().get(0), body);
        relabel();
        redraw();
    }

    /** The step shown, or null. */
    public KernelUpdateExplanation explanation() {
        return explanation;
    }

    /** Outlines weight (ky, kx) in the three grids and writes its update out. */
    public void hover(int ky, int kx) {
        hoverY = ky;
        hoverX = kx;
        redraw();
    }

    private void redraw() {
        if (explanation == null) {
            return;
        }
        double weights = explanation.weightRange();
        double slopes = explanation.gradientRange();
        before.setData(explanation.before(), v -> ValueColors.activation(v, weights));
        gradient.setData(explanation.gradient(), v -> ValueColors.activation(v, slopes));
        after.setData(explanation.after(), v -> ValueColors.activation(v, weights));
        for (KernelGrid g : List.of(before, gradient, after)) {
            g.highlight(hoverY, hoverX);
        }
        writeFormula();
    }

    private void writeFormula() {
        ResourceBundle text = workspace.text();
        weightLine.setText(MessageFormat.format(text.getString("trainStep.weight"), hoverY, hoverX));
        formula.getChildren().clear();
        for (KernelUpdateExplanation.FormulaLine line : explanation.formula(hoverY, hoverX)) {
            Label caption = new Label(text.getString("trainStep.line." + line.key()));
            caption.getStyleClass().add("text-muted");
            Label symbols = new Label(line.symbols());
            Label numbers = new Label(line.numbers());
            numbers.setWrapText(true);
            // The bundled CJK font has no hat (mˆ) nor superscript t: formulas keep the platform's font.
            symbols.setStyle(FORMULA_FONT);
            numbers.setStyle(FORMULA_FONT);
            numbers.setId("train-step-line-" + line.key());
            // The symbols above their numbers: Adam's last line is too long to share a row with its formula.
            VBox.setMargin(numbers, new Insets(0, 0, 0, 16));
            formula.getChildren().add(new VBox(1, caption, symbols, numbers));
        }
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        title.setText(text.getString("trainStep.title"));
        info.setExplanation(text.getString("trainStep.info"));
        empty.setText(text.getString("trainStep.empty"));
        beforeTitle.setText(text.getString("trainStep.before"));
        gradientTitle.setText(text.getString("trainStep.gradient"));
        afterTitle.setText(text.getString("trainStep.after"));
        if (explanation == null) {
            return;
        }
        KernelStep step = explanation.step();
        int shown = Math.min(MAX_THUMBNAILS, step.batch().size());
        more.setText(MessageFormat.format(
                text.getString("trainStep.more"), step.batch().size() - shown));
        for (int i = 0; i < shown; i++) {
            Label name = (Label) thumbnails.getChildren().get(i);
            name.setText(ClassNames.display(text, explanation.labelOf(i)));
            name.setTooltip(new Tooltip(name.getText()));
        }
        batchLine.setText(MessageFormat.format(
                text.getString("trainStep.batch"),
                step.batch().size(),
                explanation.loss(),
                step.batch().correct()));
        kernelLine.setText(MessageFormat.format(
                text.getString("trainStep.kernel"),
                step.layerName(),
                step.filter(),
                step.channel(),
                explanation.learningRate()));
        if (step.terms() instanceof KernelStep.Adam a) {
            optimiserLine.setText(MessageFormat.format(
                    text.getString("trainStep.optimiser.adam"),
                    StepNumbers.format(a.beta1()),
                    StepNumbers.format(a.beta2()),
                    StepNumbers.format(a.epsilon()),
                    StepNumbers.format(a.weightDecay()),
                    Long.toString(a.step())));
        } else {
            KernelStep.Sgd s = (KernelStep.Sgd) step.terms();
            optimiserLine.setText(MessageFormat.format(
                    text.getString("trainStep.optimiser.sgd"),
                    StepNumbers.format(s.momentum()),
                    StepNumbers.format(s.weightDecay())));
        }
        writeFormula();
    }
}
