package io.convscope.ui.explanation.flatten;

import io.convscope.explain.ShownSum;
import io.convscope.explain.ValueColors;
import io.convscope.explain.views.FlattenExplanation;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explanation.ReadableInk;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

import java.util.ResourceBundle;

import static io.convscope.explain.Decimals.fixed;
import static io.convscope.ui.explanation.flatten.FlattenColumns.STRIP_TOP;
import static io.convscope.ui.explanation.flatten.FlattenColumns.caption;

/**
 * The flatten view's right part: every product gathers into the plus, the bias joins, the logit leads into the
 * softmax box and the class's probability; and the sum line below the diagram, Σ products + bias = logit, printed so
 * its terms add up.
 */
final class FlattenSumLine {

    private final ResourceBundle text;

    FlattenSumLine(ResourceBundle text) {
        this.text = text;
    }

    /**
     * Adds the bracket, plus, bias, logit, softmax button and output label right of a strip {@code stripWidth} ×
     * {@code stripHeight}; returns the output label (the diagram is as wide as it).
     */
    Label build(
            Pane diagram,
            FlattenExplanation explanation,
            double stripWidth,
            double stripHeight,
            float logit,
            float[] logits,
            String className,
            float probability,
            Runnable onSoftmax) {
        double weightRange = explanation.weightRange();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        double midY = STRIP_TOP + stripHeight / 2;
        double bracketX = stripWidth + 8;
        Line bracket = new Line(bracketX, STRIP_TOP, bracketX, STRIP_TOP + stripHeight);
        Line top = new Line(bracketX - 6, STRIP_TOP, bracketX, STRIP_TOP);
        Line bottom = new Line(bracketX - 6, STRIP_TOP + stripHeight, bracketX, STRIP_TOP + stripHeight);
        double plusX = bracketX + 150;
        Line toPlus = new Line(bracketX, midY, plusX - 18, midY);
        for (Line l : new Line[] {bracket, top, bottom, toPlus}) {
            l.setStroke(Color.rgb(140, 140, 140));
            l.setStrokeWidth(1.5);
        }
        Label products = caption(text.getString("flatten.products"));
        products.setWrapText(true);
        products.setMaxWidth(135);
        products.relocate(bracketX + 8, midY - 64);

        Circle plus = new Circle(plusX, midY, 18, Color.WHITE);
        plus.setStroke(Color.rgb(120, 120, 120));
        plus.setStrokeWidth(1.5);
        Label plusSign = new Label("+");
        plusSign.getStyleClass().add("flatten-plus");
        plusSign.setTextFill(Color.rgb(50, 50, 50)); // on the white circle in both themes
        StackPane plusText = centred(plusSign, plusX, midY, 36);
        int biasColor = ValueColors.weight(explanation.bias(), weightRange, ValueColors.DENSE_GAP);
        Circle bias = new Circle(plusX, midY - 56, 7, Palette.fx(biasColor));
        bias.setStroke(Color.rgb(120, 120, 120));
        Line biasLine = new Line(plusX, midY - 49, plusX, midY - 18);
        biasLine.setStroke(Color.rgb(140, 140, 140));
        Label biasLabel = caption(String.format(text.getString("flatten.bias"), fixed(explanation.bias(), 2)));
        biasLabel.relocate(plusX - 40, midY - 88);
        Tooltip.install(bias, new Tooltip(text.getString("flatten.bias.info")));

        double logitX = plusX + 96;
        Line toLogit = arrow(plusX + 18, midY, logitX - 28);
        int logitColor = ValueColors.logit(logit, min, max);
        Circle logitCircle = new Circle(logitX, midY, 26, Palette.fx(logitColor));
        logitCircle.setId("flatten-logit");
        logitCircle.setStroke(Color.rgb(120, 80, 40));
        Label logitValue = new Label(fixed(logit, 2));
        logitValue.getStyleClass().add("view-header-strong");
        logitValue.setTextFill(ReadableInk.on(logitColor));
        StackPane logitText = centred(logitValue, logitX, midY, 52);
        Label logitLabel = caption(text.getString("flatten.logit"));
        logitLabel.setMinWidth(120);
        logitLabel.setAlignment(Pos.CENTER);
        logitLabel.relocate(logitX - 60, midY + 32);
        Tooltip.install(
                logitCircle, new Tooltip(String.format(text.getString("flatten.logit.tooltip"), fixed(logit, 4))));

        double boxX = logitX + 74;
        Line toSoftmax = arrow(logitX + 26, midY, boxX - 2);
        Button softmax = new Button(text.getString("flatten.softmax"));
        softmax.setId("flatten-softmax");
        softmax.setTooltip(new Tooltip(text.getString("flatten.softmax.tooltip")));
        softmax.setOnAction(e -> onSoftmax.run());
        softmax.setPrefSize(92, 36);
        softmax.relocate(boxX, midY - 18);
        Label click = caption(text.getString("flatten.softmax.hint"));
        click.setMinWidth(130);
        click.setAlignment(Pos.CENTER);
        click.relocate(boxX - 19, midY + 22);
        double outX = boxX + 92 + 44;
        Line toOutput = arrow(boxX + 92, midY, outX - 4);
        Label output = new Label(String.format(text.getString("flatten.output"), className, fixed(probability, 4)));
        output.setId("flatten-output");
        output.getStyleClass().add("view-header-strong");
        output.relocate(outX, midY - 10);

        FlattenLegend weightLegend = new FlattenLegend(
                String.format(text.getString("flatten.weightLegend"), className),
                v -> ValueColors.weight(v, weightRange, ValueColors.DENSE_GAP),
                weightRange);
        weightLegend.relocate(bracketX + 14, STRIP_TOP + 66);
        diagram.getChildren()
                .addAll(
                        bracket,
                        top,
                        bottom,
                        toPlus,
                        products,
                        biasLine,
                        plus,
                        plusText,
                        bias,
                        biasLabel,
                        toLogit,
                        logitCircle,
                        logitText,
                        logitLabel,
                        toSoftmax,
                        softmax,
                        click,
                        toOutput,
                        output,
                        weightLegend);
        return output;
    }

    /** Σ products + bias = logit, with as many decimals (up to 4) as it takes for the printed terms to add up. */
    String sumText(FlattenExplanation explanation, float logit) {
        double productSum = 0;
        for (float p : explanation.products()) {
            productSum += p;
        }
        ShownSum shown = ShownSum.of(logit, 2, 4, productSum, explanation.bias());
        return String.format(text.getString("flatten.sum.shown"), shown.joined(), shown.relation(), shown.total());
    }

    private static StackPane centred(Label label, double cx, double cy, double size) {
        StackPane p = new StackPane(label);
        p.setMouseTransparent(true);
        p.setPrefSize(size, size);
        p.resizeRelocate(cx - size / 2, cy - size / 2, size, size);
        return p;
    }

    private static Line arrow(double fromX, double y, double toX) {
        Line l = new Line(fromX, y, toX, y);
        l.setStroke(Color.rgb(140, 140, 140));
        l.setStrokeWidth(1.5);
        return l;
    }
}
