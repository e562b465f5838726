package io.convscope.ui.train;

import io.convscope.network.KernelStep;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * Which kernel the next step is explained for: a convolution of the network, one of its filters and the input
 * channel that filter's kernel reads. The workspace arms {@code StepInspector} with the choice before a step.
 */
public final class KernelChooser extends HBox {

    /** A kernel: description layer {@code layer}, output channel {@code filter}, input channel {@code channel}. */
    public record Choice(int layer, int filter, int channel) {}

    private final Workspace workspace;
    private final Label caption = new Label();
    private final ComboBox<String> layer = new ComboBox<>();
    private final Label filterLabel = new Label();
    private final Spinner<Integer> filter = new Spinner<>(0, 0, 0);
    private final Label channelLabel = new Label();
    private final Spinner<Integer> channel = new Spinner<>(0, 0, 0);
    private final List<Integer> layers = new ArrayList<>();
    private NetworkDescription network;
    private Consumer<Choice> onChosen = c -> {};
    private boolean filling;

    public KernelChooser(Workspace workspace) {
        this.workspace = workspace;
        setId("train-kernel-chooser");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        layer.setId("train-kernel-layer");
        filter.setId("train-kernel-filter");
        channel.setId("train-kernel-channel");
        filter.setPrefWidth(76);
        channel.setPrefWidth(76);
        filter.setEditable(true);
        channel.setEditable(true);
        for (Label l : List.of(caption, filterLabel, channelLabel)) {
            l.setMinWidth(Label.USE_PREF_SIZE); // the words stay whole; the row is short enough for the step panel
        }
        layer.setMinWidth(110);
        getChildren().setAll(caption, layer, filterLabel, filter, channelLabel, channel);
        layer.valueProperty().addListener(o -> layerChanged());
        filter.valueProperty().addListener(o -> chosen());
        channel.valueProperty().addListener(o -> chosen());
        relabel();
        workspace.languageProperty().addListener(o -> relabel());
    }

    /** Offers the convolutions of {@code description} (the first one chosen); FX thread. */
    public void setNetwork(NetworkDescription description) {
        network = description;
        layers.clear();
        List<String> names = new ArrayList<>();
        for (int l = 1; l < description.layers().size(); l++) {
            if (KernelStep.followable(description, l)) {
                layers.add(l);
                names.add(description.layer(l).name());
            }
        }
        filling = true;
        layer.getItems().setAll(names);
        layer.getSelectionModel().selectFirst();
        filling = false;
        layerChanged();
    }

    /** Called with every new choice (FX thread). */
    public void setOnKernelChosen(Consumer<Choice> handler) {
        onChosen = handler;
    }

    /** The kernel chosen, or null before a network is set. */
    public Choice choice() {
        int i = layer.getSelectionModel().getSelectedIndex();
        return i < 0 ? null : new Choice(layers.get(i), filter.getValue(), channel.getValue());
    }

    /** Chooses a kernel as the student would (for tests and the workspace's own defaults). */
    public void choose(Choice c) {
        filling = true;
        layer.getSelectionModel().select(layers.indexOf(c.layer()));
        filling = false;
        layerChanged();
        filter.getValueFactory().setValue(c.filter());
        channel.getValueFactory().setValue(c.channel());
    }

    private void layerChanged() {
        if (filling || network == null || layer.getSelectionModel().getSelectedIndex() < 0) {
            return;
        }
        LayerWeights w = network.weights().get(layer.getValue());
        filling = true;
        filter.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, w.outputs() - 1, 0));
        channel.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, w.inputs() - 1, 0));
        filling = false;
        chosen();
    }

    private void chosen() {
        Choice c = choice();
        if (!filling && c != null) {
            onChosen.accept(c);
        }
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        caption.setText(text.getString("trainKernel.caption"));
        filterLabel.setText(text.getString("trainKernel.filter"));
        channelLabel.setText(text.getString("trainKernel.channel"));
        setTooltip(text.getString("trainKernel.tooltip"));
    }

    private void setTooltip(String tip) {
        Tooltip t = new Tooltip(tip);
        layer.setTooltip(t);
        filter.setTooltip(t);
        channel.setTooltip(t);
    }
}
