package io.convscope.ui.attribution;

import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.engine.attribution.Baseline;
import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import io.convscope.ui.common.ClassNames;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The attribution view's choices as controls: method, class (or output cell), the method's own parameters (SmoothGrad
 * N and sigma, integrated gradients' steps and baseline, the CAM's layer, occlusion's window, stride and fill) and, for
 * the maps over the input's channels, max |.| or one channel signed. Made from an {@link AttributionChoice} and made
 * again on a change of language; every change hands a new choice to {@code onChange}.
 */
final class AttributionControls extends FlowPane {

    /** SmoothGrad's copies and integrated gradients' steps offered by their spinners. */
    static final List<Integer> SAMPLE_COUNTS = List.of(1, 5, 10, 25, 50, 100, 200);

    static final List<Integer> STEP_COUNTS = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);

    private final ResourceBundle text;
    private final Consumer<AttributionChoice> onChange;
    private AttributionChoice choice;

    /**
     * @param network    the model on show
     * @param prediction its top class for the image on show, or -1
     * @param camLayer   the layer the last CAM read (the default when none is chosen), or null
     */
    AttributionControls(
            ResourceBundle text,
            AttributionChoice choice,
            NetworkDescription network,
            int prediction,
            String camLayer,
            Consumer<AttributionChoice> onChange) {
        super(12, 6);
        this.text = text;
        this.choice = choice;
        this.onChange = onChange;
        setId("attribution-controls");
        getStyleClass().add("attribution-controls");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().add(labelled("attr.method", methodBox()));
        if (network != null) {
            getChildren()
                    .add(
                            network.predictsClasses()
                                    ? labelled("attr.class", classBox(network, prediction))
                                    : cellBox(network.layer(network.layers().size() - 1)
                                            .outputShape()));
            getChildren().addAll(parameters(network, camLayer));
        }
    }

    private ComboBox<AttributionMethod> methodBox() {
        ComboBox<AttributionMethod> box = new ComboBox<>();
        box.setId("attribution-method");
        box.getItems().setAll(AttributionMethod.values());
        box.setConverter(new NameConverter<>(m -> methodName(text, m)));
        box.setValue(choice.method());
        box.valueProperty().addListener((o, was, m) -> change(choice.withMethod(m)));
        box.setTooltip(new Tooltip(text.getString("attr.method.tooltip")));
        return box;
    }

    static String methodName(ResourceBundle text, AttributionMethod m) {
        return text.getString("attr.method." + m.name().toLowerCase(Locale.ROOT));
    }

    private ComboBox<Integer> classBox(NetworkDescription network, int prediction) {
        List<String> classes = network.classes();
        ComboBox<Integer> box = new ComboBox<>();
        box.setId("attribution-class");
        box.setVisibleRowCount(12);
        List<Integer> items = new ArrayList<>();
        items.add(-1);
        for (int c = 0; c < classes.size(); c++) {
            items.add(c);
        }
        box.getItems().setAll(items);
        box.setConverter(new NameConverter<>(c -> c < 0
                ? String.format(
                        text.getString("attr.class.prediction"),
                        prediction < 0 ? "…" : ClassNames.display(text, classes.get(prediction)))
                : ClassNames.display(text, classes.get(c))));
        box.setValue(choice.classIndex() < classes.size() ? choice.classIndex() : -1);
        box.valueProperty().addListener((o, was, c) -> change(choice.withClass(c == null ? -1 : c)));
        box.setTooltip(new Tooltip(text.getString("attr.class.tooltip")));
        return box;
    }

    private Node cellBox(Shape out) {
        int[] cell = choice.cell();
        Spinner<Integer> channel = spinner("attribution-cell-channel", 0, out.channels() - 1, cell[0]);
        Spinner<Integer> row = spinner("attribution-cell-row", 0, out.height() - 1, cell[1]);
        Spinner<Integer> column = spinner("attribution-cell-column", 0, out.width() - 1, cell[2]);
        Runnable changed = () -> change(choice.withCell(channel.getValue(), row.getValue(), column.getValue()));
        channel.valueProperty().addListener((o, a, b) -> changed.run());
        row.valueProperty().addListener((o, a, b) -> changed.run());
        column.valueProperty().addListener((o, a, b) -> changed.run());
        return new HBox(6, new Label(text.getString("attr.cell")), channel, row, column);
    }

    private List<Node> parameters(NetworkDescription network, String camLayer) {
        AttributionSettings s = choice.settings();
        List<Node> nodes = new ArrayList<>();
        switch (choice.method()) {
            case SMOOTHGRAD -> {
                Spinner<Integer> n = stepped("attribution-samples", SAMPLE_COUNTS, s.samples());
                Spinner<Double> sigma = new Spinner<>(0.0, 1.0, s.sigma(), 0.05);
                sigma.setId("attribution-sigma");
                sigma.setPrefWidth(90);
                n.valueProperty()
                        .addListener((o, a, b) -> change(choice.withSettings(choice.settings()
                                .withSmoothing(b, choice.settings().sigma()))));
                sigma.valueProperty()
                        .addListener((o, a, b) -> change(choice.withSettings(choice.settings()
                                .withSmoothing(choice.settings().samples(), b))));
                nodes.add(labelled("attr.samples", n));
                nodes.add(labelled("attr.sigma", sigma));
            }
            case INTEGRATED_GRADIENTS -> {
                Spinner<Integer> steps = stepped("attribution-steps", STEP_COUNTS, s.steps());
                steps.valueProperty()
                        .addListener((o, a, b) ->
                                change(choice.withSettings(choice.settings().withSteps(b))));
                ComboBox<Baseline> baseline = new ComboBox<>();
                baseline.setId("attribution-baseline");
                baseline.getItems().setAll(Baseline.values());
                baseline.setConverter(new NameConverter<>(b -> baselineName(text, b)));
                baseline.setValue(s.baseline());
                baseline.valueProperty()
                        .addListener((o, a, b) ->
                                change(choice.withSettings(choice.settings().withBaseline(b))));
                nodes.add(labelled("attr.steps", steps));
                nodes.add(labelled("attr.baseline", baseline));
            }
            case GRAD_CAM, HIRES_CAM, GRAD_CAM_PLUS_PLUS -> nodes.add(
                    labelled("attr.layer", layerBox(network, camLayer)));
            case OCCLUSION -> {
                int side = Math.min(
                        network.inputShape().height(), network.inputShape().width());
                Spinner<Integer> window = spinner("attribution-window", 1, side, Math.min(side, s.window()));
                Spinner<Integer> stride = spinner("attribution-stride", 1, side, Math.min(side, s.stride()));
                Spinner<Double> fill = new Spinner<>(0.0, 1.0, s.fill(), 0.1);
                fill.setId("attribution-fill");
                fill.setPrefWidth(90);
                Runnable changed = () -> change(choice.withSettings(choice.settings()
                        .withOcclusion(
                                window.getValue(),
                                stride.getValue(),
                                fill.getValue().floatValue())));
                window.valueProperty().addListener((o, a, b) -> changed.run());
                stride.valueProperty().addListener((o, a, b) -> changed.run());
                fill.valueProperty().addListener((o, a, b) -> changed.run());
                nodes.add(labelled("attr.window", window));
                nodes.add(labelled("attr.stride", stride));
                nodes.add(labelled("attr.fill", fill));
            }
            default -> {}
        }
        if (choice.method() == AttributionMethod.GRADIENT
                || choice.method() == AttributionMethod.SMOOTHGRAD
                || choice.method() == AttributionMethod.INTEGRATED_GRADIENTS) {
            nodes.add(labelled("attr.plane", planeBox(network.inputShape().channels())));
        }
        return nodes;
    }

    /** Every layer with spatial maps before the output, by name; the chosen one, or the one the last CAM read. */
    private ComboBox<String> layerBox(NetworkDescription network, String camLayer) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("attribution-layer");
        int last = network.layers().size() - 1;
        for (int l = 1; l < last; l++) {
            Shape s = network.layer(l).outputShape();
            if (!s.isVector() && s.height() * s.width() > 1) {
                box.getItems().add(network.layer(l).name());
            }
        }
        box.setVisibleRowCount(14);
        String chosen = choice.settings().layer();
        box.setValue(chosen != null ? chosen : camLayer);
        box.valueProperty()
                .addListener((o, a, b) ->
                        change(choice.withSettings(choice.settings().withLayer(b))));
        box.setTooltip(new Tooltip(text.getString("attr.layer.tooltip")));
        return box;
    }

    private ComboBox<MapPlane> planeBox(int channels) {
        ComboBox<MapPlane> box = new ComboBox<>();
        box.setId("attribution-plane");
        box.getItems().add(MapPlane.MAGNITUDE);
        for (int c = 0; c < channels; c++) {
            box.getItems().add(new MapPlane(c));
        }
        box.setConverter(new NameConverter<>(p -> p.channel() < 0
                ? text.getString("attr.plane.magnitude")
                : String.format(
                        text.getString("attr.plane.channel"), MapReadout.channelName(text, p.channel(), channels))));
        box.setValue(choice.plane().channel() < channels ? choice.plane() : MapPlane.MAGNITUDE);
        box.valueProperty().addListener((o, a, b) -> change(choice.withPlane(b)));
        return box;
    }

    static String baselineName(ResourceBundle text, Baseline b) {
        return text.getString("attr.baseline." + b.id());
    }

    private Node labelled(String key, Node control) {
        Label label = new Label(text.getString(key));
        label.setLabelFor(control);
        HBox box = new HBox(6, label, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value)));
        s.setId(id);
        s.setPrefWidth(80);
        return s;
    }

    /**
     * A spinner over the counts worth trying ({@code 1, 2, 4 ... 512} steps): one click doubles the work, so the student
     * sees how the map (and integrated gradients' completeness gap) settles; a count set elsewhere is kept among them.
     */
    private static Spinner<Integer> stepped(String id, List<Integer> counts, int value) {
        List<Integer> values = new ArrayList<>(counts);
        if (!values.contains(value)) {
            values.add(value);
            values.sort(null);
        }
        Spinner<Integer> s = new Spinner<>(
                new SpinnerValueFactory.ListSpinnerValueFactory<>(FXCollections.observableArrayList(values)));
        s.getValueFactory().setValue(value);
        s.setId(id);
        s.setPrefWidth(80);
        return s;
    }

    private void change(AttributionChoice next) {
        choice = next;
        onChange.accept(next);
    }
}
