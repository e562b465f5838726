package io.convscope.ui.explanation.flatten;

import atlantafx.base.theme.Styles;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.views.FlattenExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.explanation.CloseButton;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

import static io.convscope.ui.explanation.flatten.FlattenColumns.CHANNEL_PITCH;
import static io.convscope.ui.explanation.flatten.FlattenColumns.MAP_TOP;
import static io.convscope.ui.explanation.flatten.FlattenColumns.STRIP_TOP;
import static io.convscope.ui.explanation.flatten.FlattenColumns.caption;

/**
 * The flatten elastic explanation (CNN Explainer §2.10) as a static diagram for one output class k: the last pooling
 * layer's maps unrolled into the flattened vector coloured by its weights to class k ({@link FlattenColumns}), the
 * products added up with the bias into the class logit, which leads into the softmax box ({@link FlattenSumLine}).
 * Hovering the vector (or a map) tells where a value comes from and what it contributes.
 */
public final class FlattenView extends BorderPane {

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    /**
     * Wide enough for the output label ("espresso (probability 0.9816)") in its real, styled font, however long the
     * class name: FitToSize scales the diagram down rather than clip it. Computed, not set from a listener on the
     * label: a preferred size set during a layout pass never reached FitToSize, which kept the old scale and cut the
     * label (after closing the softmax panel).
     */
    private final Pane diagram = new Pane() {
        @Override
        protected double computePrefWidth(double height) {
            return output == null
                    ? 0
                    : Math.max(output.getLayoutX() + 170, output.getLayoutX() + output.prefWidth(-1) + 16);
        }
    };

    private Label output;
    private final FlattenColumns columns = new FlattenColumns(readout::set);
    private final FlattenSumLine sumLine;
    private final Label title = new Label();
    private final Label sum = new Label();
    private final Label readoutLabel = new Label();
    private Runnable onSoftmaxChosen = () -> {};
    private Runnable onClose = () -> {};
    private FlattenExplanation explanation;

    public FlattenView(ResourceBundle text) {
        this.text = text;
        this.sumLine = new FlattenSumLine(text);
        getStyleClass().add("flatten-view");
        setPadding(new Insets(14, 18, 14, 18));

        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("flatten-title");
        Button info = new InfoButton("flatten-info", text.getString("flatten.info"), Article.FLATTEN);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(
                6,
                title,
                spacer,
                info,
                new CloseButton("flatten-close", text.getString("flatten.close"), () -> onClose.run()));
        header.setAlignment(Pos.CENTER_LEFT);
        setTop(header);

        diagram.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        VBox.setMargin(diagram, new Insets(8, 0, 0, 0));

        sum.setId("flatten-sum");
        sum.getStyleClass().add("formula");
        sum.setStyle("-fx-font-family: monospace; -fx-font-size: 15px;");
        readoutLabel.setId("flatten-readout");
        readoutLabel.getStyleClass().add(Styles.TEXT_MUTED);
        readoutLabel.setGraphic(new FontIcon(Material2MZ.MOUSE));
        // The numbers in monospace so they do not jump while the pointer moves; the hint in the normal font.
        readout.addListener((o, was, now) -> {
            readoutLabel.setText(now.isEmpty() ? text.getString("flatten.hint") : now);
            readoutLabel.setStyle(now.isEmpty() ? "" : "-fx-font-family: monospace;");
        });
        readoutLabel.setText(text.getString("flatten.hint"));
        VBox body = new VBox(10, diagram, readoutLabel, sum);
        setCenter(body);
    }

    /**
     * Shows how the logit of class {@code classIndex} of output layer {@code outputLayer} is computed from the
     * flattened maps; {@code mapRange} is the colour range of the maps (the pooling layer's).
     */
    public void show(ActivationSnapshot s, int outputLayer, int classIndex, double mapRange) {
        explanation = new FlattenExplanation(s, outputLayer, classIndex);
        Shape shape = explanation.sourceShape();
        int channels = shape.channels();
        String sourceName = s.network().layer(explanation.sourceLayer()).name();
        String className = ClassNames.display(text, s.network().classes().get(classIndex));
        float logit = s.logit(classIndex);
        title.setText(String.format(text.getString("flatten.title"), className));

        diagram.getChildren().clear();
        Label mapsLabel = caption(
                String.format(text.getString("flatten.maps"), sourceName, channels, shape.height(), shape.width()));
        mapsLabel.relocate(0, 0);
        Label vectorLabel =
                caption(String.format(text.getString("flatten.vector"), explanation.vector().length, className));
        vectorLabel.setWrapText(true);
        vectorLabel.setMaxWidth(250);
        vectorLabel.relocate(channels * CHANNEL_PITCH + 22, STRIP_TOP);
        diagram.getChildren().addAll(mapsLabel, vectorLabel);

        columns.build(diagram, s.layer(explanation.sourceLayer()), explanation, sourceName, mapRange);
        double stripWidth = columns.width();
        double stripHeight = columns.stripHeight();
        output = sumLine.build(
                diagram,
                explanation,
                stripWidth,
                stripHeight,
                logit,
                s.logits(),
                className,
                s.probability(classIndex),
                () -> onSoftmaxChosen.run());
        FlattenLegend mapLegend = new FlattenLegend(
                String.format(text.getString("flatten.mapLegend"), sourceName),
                v -> ValueColors.activation(v, mapRange),
                mapRange);
        mapLegend.relocate(stripWidth + 20, MAP_TOP);
        diagram.getChildren().addAll(mapLegend, columns.hoverMarks());
        diagram.setPrefHeight(STRIP_TOP + stripHeight + 4);
        diagram.requestLayout();

        sum.setText(sumLine.sumText(explanation, logit));
        columns.clearHover();
    }

    /** The × button: the view closes, as Esc and a click outside it do. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> {} : action;
    }

    public void setOnSoftmaxChosen(Runnable action) {
        onSoftmaxChosen = action == null ? () -> {} : action;
    }

    /** What the hovered value is: "max_pool_2 #c (y, x): value 1.23 × weight -0.05 = -0.06", or "" when none. */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** The sum line: Σ products + bias = logit with the numbers of the shown class. */
    public String sumText() {
        return sum.getText();
    }

    /** The ARGB colour drawn for vector element {@code index} (what tests compare with the weight scale). */
    int stripArgb(int index) {
        return columns.stripArgb(index);
    }

    FlattenExplanation explanation() {
        return explanation;
    }
}
