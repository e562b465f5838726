package io.convscope.ui;

import atlantafx.base.theme.Styles;
import io.convscope.engine.ArchitecturePresets;
import io.convscope.explain.RangeMode;
import io.convscope.ui.input.GalleryStrip;
import io.convscope.ui.input.ImageSources;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The window's top: image and model sources, the architecture button, a preset load's progress, the busy bar, the
 * details, range, Learn, language and theme controls, and the sample gallery below them. The details and range
 * controls show in the Overview mode only, the sample gallery in the Overview and Why? modes.
 */
final class MainToolbar extends VBox {

    private static final Map<WorkspaceMode, Ikon> MODE_ICONS = Map.of(
            WorkspaceMode.OVERVIEW, Material2MZ.VIEW_COLUMN,
            WorkspaceMode.ATTRIBUTION, Material2AL.HIGHLIGHT,
            WorkspaceMode.TRAIN, Material2MZ.SCHOOL);

    private final ResourceBundle text;
    private final EngineRequests requests;
    private final ComboBox<RangeMode> rangeMode = new ComboBox<>();
    private final ToggleButton details = new ToggleButton();
    private final ToggleButton learn = new ToggleButton();
    private final ProgressBar loadProgress = new ProgressBar(0);
    private final Label loadPhase = new Label();
    private final HBox loadBox = new HBox(6);
    private final HBox modeSwitch = new HBox();
    private final Workspace workspace;
    private Button cancelButton;
    /** Held here: the requests outlive this tool bar (a new one is made in another language) and listen weakly. */
    private final ChangeListener<Task<?>> presetLoadListener = (o, was, task) -> followLoad(task);
    /** Likewise for the workspace: a mode set elsewhere ("Use this model", a gallery's image) selects its button. */
    private final ChangeListener<WorkspaceMode> modeListener = (o, was, mode) -> modeSwitch.getChildren().stream()
            .map(ToggleButton.class::cast)
            .filter(b -> b.getUserData() == mode)
            .forEach(b -> b.setSelected(true));

    /**
     * The tool bar in the workspace's language. {@code busy} shows while the engine works on the latest model or
     * image; the workspace's range mode, details, theme and language follow the controls, and the controls that act
     * on the overview are disabled while an explanation is open.
     */
    MainToolbar(
            Workspace workspace,
            GalleryStrip gallery,
            ImageSources sources,
            EngineRequests requests,
            Runnable openArchitecture,
            Runnable openExplorer,
            Region busy,
            Set<WorkspaceMode> modes) {
        this.text = workspace.text();
        this.requests = requests;
        this.workspace = workspace;
        Language language = workspace.language();
        requests.presetLoadProperty().addListener(new WeakChangeListener<>(presetLoadListener));
        Button open = iconButton(Material2AL.FOLDER_OPEN, "action.open", "action.open.tooltip");
        open.setOnAction(e -> sources.chooseImage());
        Button paste = iconButton(Material2AL.CONTENT_PASTE, "action.paste", "action.paste.tooltip");
        paste.setOnAction(e -> sources.pasteImage());
        paste.setId("paste");
        MenuButton recent = sources.recentMenu();
        MenuButton openModel = modelMenu(sources);
        Button architecture = iconButton(Material2AL.DEVICE_HUB, "action.architecture", "action.architecture.tooltip");
        architecture.setId("architecture");
        architecture.setOnAction(e -> openArchitecture.run());
        Button explorer = iconButton(Material2AL.GRID_ON, "action.explorer", "action.explorer.tooltip");
        explorer.setId("explorer");
        explorer.setOnAction(e -> openExplorer.run());

        details.setText(text.getString("action.details"));
        details.setGraphic(new FontIcon(Material2AL.INFO));
        details.setTooltip(new Tooltip(text.getString("action.details.tooltip")));
        details.setSelected(workspace.detailsProperty().get());
        workspace.detailsProperty().bindBidirectional(details.selectedProperty());

        rangeMode.getItems().setAll(RangeMode.values());
        rangeMode.setConverter(new StringConverter<>() {
            @Override
            public String toString(RangeMode m) {
                return m == null ? "" : text.getString("range." + m.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public RangeMode fromString(String s) {
                return null;
            }
        });
        rangeMode.setValue(workspace.rangeModeProperty().get());
        workspace.rangeModeProperty().bindBidirectional(rangeMode.valueProperty());
        rangeMode.setTooltip(new Tooltip(text.getString("range.tooltip")));
        rangeMode.setId("range-mode");
        ToggleButton theme = new ToggleButton(null, new FontIcon(Material2AL.BRIGHTNESS_4));
        theme.setSelected(workspace.darkProperty().get());
        workspace.darkProperty().bindBidirectional(theme.selectedProperty());
        theme.setTooltip(new Tooltip(text.getString("action.theme.tooltip")));
        theme.setId("theme-toggle");

        learn.setText(text.getString("action.learn"));
        learn.setGraphic(new FontIcon(Material2MZ.MENU_BOOK));
        learn.setTooltip(new Tooltip(text.getString("action.learn.tooltip")));
        learn.setId("learn-toggle");

        MenuButton languages = new MenuButton(null, new FontIcon(Material2AL.LANGUAGE));
        languages.setId("language-menu");
        languages.setTooltip(new Tooltip(text.getString("language.tooltip")));
        ToggleGroup group = new ToggleGroup();
        for (Language l : Language.all()) {
            RadioMenuItem item = new RadioMenuItem(text.getString("language." + l.tag()));
            item.setId("language-" + l.tag());
            item.setToggleGroup(group);
            item.setSelected(l == language);
            item.setOnAction(e -> workspace.languageProperty().set(l));
            languages.getItems().add(item);
        }

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label scale = new Label(text.getString("range.label"));
        Label scaleMeaning = new RangeModeCaption(text, rangeMode);
        Region load = loadBox();
        List<ToggleButton> modeButtons = offerModes(modes);
        // At 1024 px (or with a preset's progress in the row) the least needed labels go first, icons and tooltips
        // stay.
        List<Labeled> collapseOrder = new ArrayList<>(
                List.of(paste, recent, scaleMeaning, scale, details, architecture, explorer, cancelButton));
        collapseOrder.addAll(modeButtons);
        collapseOrder.addAll(List.of(openModel, open, learn));
        // What only the overview's maps read (details, colour range) leaves the row in the other modes, and the
        // sample strip leaves the Train mode (the Why? mode explains the image chosen there).
        HBox overviewOnly = new HBox(8, details, scale, rangeMode, scaleMeaning);
        overviewOnly.setAlignment(Pos.CENTER_LEFT);
        overviewOnly.setId("overview-controls");
        overviewOnly.setMinWidth(Region.USE_PREF_SIZE);
        overviewOnly.visibleProperty().bind(workspace.modeProperty().isEqualTo(WorkspaceMode.OVERVIEW));
        overviewOnly.managedProperty().bind(overviewOnly.visibleProperty());
        gallery.visibleProperty().bind(workspace.modeAboutTheShownImage());
        gallery.managedProperty().bind(gallery.visibleProperty());
        HBox controls = new CompactingToolbar(
                8,
                collapseOrder,
                open,
                paste,
                recent,
                openModel,
                architecture,
                explorer,
                modeSwitch,
                spacer,
                load,
                busy,
                overviewOnly,
                learn,
                languages,
                theme);
        controls.setId("toolbar-row");
        for (Labeled l : List.of(details, scale, scaleMeaning)) {
            l.setMinWidth(Region.USE_PREF_SIZE); // in the group too, a label never shrinks to "…"
        }
        rangeMode.setMinWidth(Region.USE_PREF_SIZE);
        List<Node> overviewControls = List.of(open, paste, recent, openModel, details, rangeMode, gallery);
        BooleanBinding viewOpen = Bindings.createBooleanBinding(
                () -> !workspace.explanationProperty().get().controlsEnabled(), workspace.explanationProperty());
        overviewControls.forEach(n -> n.disableProperty().bind(viewOpen));
        followLoad(requests.presetLoadProperty().get());
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(controls, gallery);
        setSpacing(4);
        setPadding(new Insets(6, 10, 4, 10));
        getStyleClass().add("tool-bar");
    }

    /**
     * "Open model": a file, the bundled Tiny VGG, or a zoo architecture with random weights. Branching architectures
     * are listed too: choosing one says why the overview cannot show it and where to look instead.
     */
    private MenuButton modelMenu(ImageSources sources) {
        MenuButton menu = new MenuButton(text.getString("action.openModel"), new FontIcon(Material2AL.ACCOUNT_TREE));
        menu.setId("open-model");
        menu.setTooltip(new Tooltip(text.getString("action.openModel.tooltip")));
        MenuItem file = new MenuItem(text.getString("model.menu.file"));
        file.setId("open-model-file");
        file.setOnAction(e -> sources.chooseModel());
        MenuItem bundled = new MenuItem(text.getString("model.menu.bundled"));
        bundled.setId("open-model-bundled");
        bundled.setOnAction(e -> requests.loadModel(null));
        menu.getItems().addAll(file, bundled, new SeparatorMenuItem());
        Menu header = new Menu(text.getString("model.menu.presets"));
        header.setId("open-model-presets");
        for (ArchitecturePresets.Preset p : ArchitecturePresets.all()) {
            if (p.id().equals("tiny-vgg")) {
                continue; // the trained Tiny VGG is the item above; random weights would only confuse
            }
            MenuItem item = new MenuItem(p.displayName());
            item.setId("preset-" + p.id());
            item.setOnAction(e -> requests.loadPreset(p.id()));
            header.getItems().add(item);
        }
        menu.getItems().add(header);
        return menu;
    }

    /** Progress of a long model load (a zoo preset's init takes seconds), with its phase and a cancel button. */
    private Region loadBox() {
        loadProgress.setPrefWidth(120);
        loadProgress.setId("load-progress");
        loadPhase.getStyleClass().add(Styles.TEXT_MUTED);
        loadPhase.setId("load-phase");
        Button cancel = new Button(text.getString("load.cancel"), new FontIcon(Material2AL.CLOSE));
        cancelButton = cancel;
        loadPhase.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setId("cancel-load");
        cancel.setTooltip(new Tooltip(text.getString("load.cancel.tooltip")));
        cancel.setOnAction(e -> requests.cancelLoad());
        loadBox.getChildren().setAll(loadPhase, loadProgress, cancel);
        loadBox.setAlignment(Pos.CENTER_LEFT);
        loadBox.setVisible(false);
        loadBox.managedProperty().bind(loadBox.visibleProperty());
        return loadBox;
    }

    private Button iconButton(Ikon icon, String textKey, String tooltipKey) {
        Button b = new Button(text.getString(textKey), new FontIcon(icon));
        b.setTooltip(new Tooltip(text.getString(tooltipKey)));
        return b;
    }

    static RangeMode parseMode(String s) {
        try {
            return RangeMode.valueOf(s);
        } catch (IllegalArgumentException e) {
            return RangeMode.UNIT;
        }
    }

    /**
     * The segmented switch between the modes that have a view (overview, why it decided, training), bound to the
     * workspace's mode; hidden while the overview is the only one.
     */
    private List<ToggleButton> offerModes(Set<WorkspaceMode> available) {
        ToggleGroup group = new ToggleGroup();
        List<ToggleButton> buttons = new ArrayList<>();
        for (WorkspaceMode mode : WorkspaceMode.values()) {
            if (!available.contains(mode)) {
                continue;
            }
            ToggleButton b = new ToggleButton(text.getString(mode.key()), new FontIcon(MODE_ICONS.get(mode)));
            b.setId("mode-" + mode.name().toLowerCase(Locale.ROOT));
            b.setTooltip(new Tooltip(text.getString(mode.key() + ".tooltip")));
            b.setToggleGroup(group);
            b.setUserData(mode);
            b.setSelected(workspace.modeProperty().get() == mode);
            buttons.add(b);
        }
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i)
                    .getStyleClass()
                    .add(i == 0 ? Styles.LEFT_PILL : i == buttons.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always chosen
            } else {
                workspace.modeProperty().set((WorkspaceMode) now.getUserData());
            }
        });
        modeSwitch.getChildren().setAll(buttons);
        workspace.modeProperty().addListener(new WeakChangeListener<>(modeListener));
        modeSwitch.setVisible(buttons.size() > 1);
        modeSwitch.managedProperty().bind(modeSwitch.visibleProperty());
        modeSwitch.setId("mode-switch");
        return modeSwitch.isVisible() ? buttons : List.of();
    }

    /** The Learn button: F1 and the info buttons open the panel through it. */
    ToggleButton learnToggle() {
        return learn;
    }

    /** A preset load started (its phase and progress show, with its cancel button) or ended (null). */
    private void followLoad(Task<?> task) {
        if (task == null) {
            endLoad();
        } else {
            showLoad(task.progressProperty(), task.messageProperty());
        }
    }

    /** Shows a preset load's phase and progress, with its cancel button. */
    private void showLoad(ObservableValue<? extends Number> progress, ObservableValue<String> phase) {
        loadProgress.progressProperty().bind(progress);
        loadPhase.textProperty().bind(phase);
        loadBox.setVisible(true);
    }

    /** The load has ended (or was cancelled): its progress leaves the row. */
    private void endLoad() {
        loadProgress.progressProperty().unbind();
        loadPhase.textProperty().unbind();
        loadBox.setVisible(false);
    }
}
