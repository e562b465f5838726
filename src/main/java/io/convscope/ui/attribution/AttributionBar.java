package io.convscope.ui.attribution;

import io.convscope.engine.attribution.AttributionCancelledException;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.network.Translatable;
import io.convscope.ui.attribution.AttributionView.Display;
import io.convscope.ui.attribution.WorkProgress.Step;
import io.convscope.ui.common.FailureReason;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The attribution view's top: the choices ({@link AttributionControls}) and a row of what to show (one map, a
 * comparison, the occlusion probe), the sanity check, Grad-CAM step by step, and the progress of the engine work
 * ({@link WorkProgress}: the fraction done and which step, "IG step 12 of 32") with its Cancel button.
 */
final class AttributionBar extends VBox {

    private final ResourceBundle text;
    private final AttributionView view;
    private final ToggleGroup shows = new ToggleGroup();
    private final ToggleButton singleButton;
    private final ToggleButton compareButton;
    private final ToggleButton probeButton;
    private final Button sanityButton;
    private final Button stepsButton;
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label progressText = new Label();
    private final Button cancel;
    private final MenuButton compared;

    AttributionBar(ResourceBundle text, AttributionView view, WorkProgress work) {
        super(6);
        this.text = text;
        this.view = view;
        getStyleClass().add("attribution-bar");
        setPadding(new Insets(8, 12, 4, 12));
        singleButton = toggle("attribution-single-toggle", "attr.show.single", Display.SINGLE);
        compareButton = toggle("attribution-compare-toggle", "attr.show.compare", Display.COMPARE);
        probeButton = toggle("attribution-probe-toggle", "attr.show.probe", Display.PROBE);
        sanityButton = button("attribution-sanity", "attr.sanity");
        sanityButton.setOnAction(e -> view.runSanity());
        stepsButton = button("gradcam-steps", "attr.steps.button");
        stepsButton.setOnAction(e -> view.camSteps());
        progress.setId("attribution-progress");
        progress.setPrefSize(22, 22);
        progressText.setId("attribution-progress-text");
        cancel = button("attribution-cancel", "attr.cancel");
        cancel.setOnAction(e -> view.cancel(work.runningProperty().get()));
        // Bindings listen weakly: a bar replaced on a change of language is not kept alive by the work's progress.
        BooleanBinding running = work.runningProperty().isNotNull();
        progress.progressProperty().bind(work.fractionProperty()); // negative: indeterminate, as the indicator reads it
        progressText
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> message(text, work.stepProperty().get()), work.stepProperty()));
        for (Node n : new Node[] {progress, progressText, cancel}) {
            n.visibleProperty().bind(running);
            n.managedProperty().bind(running);
        }
        compared = comparedMenu();
        FlowPane actions = new FlowPane(
                8,
                6,
                singleButton,
                compareButton,
                compared,
                probeButton,
                sanityButton,
                stepsButton,
                progress,
                progressText,
                cancel);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(new FlowPane(), actions);
        showing(view.displayProperty().get(), null);
    }

    /** Which methods the comparison draws: any two or more. */
    private MenuButton comparedMenu() {
        MenuButton menu = new MenuButton(text.getString("attr.compare.methods"));
        menu.setId("attribution-compared");
        menu.setTooltip(new Tooltip(text.getString("attr.compare.methods.tooltip")));
        for (AttributionMethod m : AttributionMethod.values()) {
            CheckMenuItem item = new CheckMenuItem(AttributionControls.methodName(text, m));
            item.setId("compare-with-" + m.id());
            item.setSelected(view.choice().compared().contains(m));
            item.selectedProperty().addListener((o, was, on) -> {
                Set<AttributionMethod> chosen = EnumSet.noneOf(AttributionMethod.class);
                chosen.addAll(view.choice().compared());
                if (on) {
                    chosen.add(m);
                } else if (chosen.size() > 2) {
                    chosen.remove(m);
                } else {
                    item.setSelected(true); // two at least: a comparison of one is no comparison
                    return;
                }
                view.compare(chosen);
            });
            menu.getItems().add(item);
        }
        return menu;
    }

    void controls(AttributionControls controls) {
        getChildren().set(0, controls);
    }

    private ToggleButton toggle(String id, String key, Display d) {
        ToggleButton b = new ToggleButton(text.getString(key));
        b.setId(id);
        b.setToggleGroup(shows);
        b.setTooltip(new Tooltip(text.getString(key + ".tooltip")));
        b.setOnAction(e -> {
            b.setSelected(true); // a toggle group of views: clicking the shown one keeps it
            view.show(d);
        });
        return b;
    }

    private Button button(String id, String key) {
        Button b = new Button(text.getString(key));
        b.setId(id);
        b.setTooltip(new Tooltip(text.getString(key + ".tooltip")));
        return b;
    }

    /** Which toggle is on, and whether the sanity check and Grad-CAM's steps apply to {@code result}. */
    void showing(Display d, AttributionResult result) {
        singleButton.setSelected(d == Display.SINGLE || d == Display.SANITY);
        compareButton.setSelected(d == Display.COMPARE);
        compared.setVisible(d == Display.COMPARE);
        compared.setManaged(d == Display.COMPARE);
        probeButton.setSelected(d == Display.PROBE);
        boolean gradCam =
                result != null && result.choice().method() == AttributionMethod.GRAD_CAM && (d == Display.SINGLE);
        stepsButton.setVisible(gradCam);
        stepsButton.setManaged(gradCam);
        sanityButton.setDisable(result == null);
    }

    /** The step the work has reached, in words ("Integrated gradients: step 12 of 32"); one pass: "Computing". */
    static String message(ResourceBundle text, Step step) {
        if (step == null) {
            return text.getString("attr.progress.working");
        }
        String key = "attr.progress." + step.stage().name().toLowerCase(Locale.ROOT);
        return String.format(text.getString(key), step.done(), step.total());
    }

    /** The maps area's content under the random-weights notice and the failure sentence (either may be null). */
    static Node stack(Node content, String randomNotice, String failure) {
        VBox box = new VBox(10);
        box.setFillWidth(true);
        Label notice = randomNotice == null ? null : line("attribution-random", "random-weights", randomNotice);
        Label error = failure == null ? null : line("attribution-error", "attribution-error", failure);
        if (error != null) {
            error.setStyle("-fx-text-fill: -color-danger-fg;");
        }
        for (Node n : new Node[] {notice, error, content}) {
            if (n != null) {
                box.getChildren().add(n);
            }
        }
        box.setAlignment(Pos.TOP_LEFT);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("attribution-scroll");
        box.setStyle("-fx-padding: 12;");
        return scroll;
    }

    /** The view's bottom line: what the pointer reads over a map, or how to read one. */
    static Label readoutLine(ResourceBundle text, ObservableValue<MapReadout> readout) {
        Label line = new Label();
        line.setId("attribution-readout");
        line.getStyleClass().add("attribution-readout");
        line.setPadding(new Insets(4, 12, 4, 12));
        line.textProperty().bind(readout.map(MapReadout::text).orElse(text.getString("attr.readout.hint")));
        return line;
    }

    private static Label line(String id, String style, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }

    /** What to tell the student when a map cannot be computed: the engine's sentence, or a general one. */
    static String sentence(ResourceBundle text, Throwable t) {
        if (t instanceof AttributionCancelledException) {
            return null; // stopped on request: nothing to tell
        }
        if (t instanceof Translatable) {
            return FailureReason.of(text, t); // a typed refusal (a CAM layer without maps), in the language on show
        }
        if (t instanceof IllegalArgumentException && t.getMessage() != null) {
            return String.format(text.getString("attr.failed.because"), t.getMessage());
        }
        if (t instanceof OutOfMemoryError) {
            return text.getString("attr.failed.memory");
        }
        return text.getString("attr.failed");
    }
}
