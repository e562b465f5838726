package io.convscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ModelLoader;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;

/**
 * The ConvScope application: sets the theme, restores the window and starts loading the bundled model on the engine
 * thread while the window is already on screen.
 */
public final class ConvScopeApp extends Application {

    static final double DEFAULT_WIDTH = 1440;
    static final double DEFAULT_HEIGHT = 900;
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 640;
    public static final String STYLESHEET = "/io/convscope/ui/convscope.css";
    /** {@code -Dconvscope.model=preset:<id>} opens a zoo architecture with random weights at start. */
    static final String PRESET_PREFIX = "preset:";

    private final EngineService engine = EngineService.start();
    private AppSettings settings;
    private MainWindow window;

    public static void launchApp(String[] args) {
        String model = System.getProperty("convscope.model");
        if (model == null || model.isBlank()) {
            // ND4J starts on the second core while JavaFX builds the window (see the engine's BundledPreload).
            ModelLoader.preloadBundled();
        }
        launch(ConvScopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        settings = AppSettings.user();
        Language language = Language.of(settings.language(), Locale.getDefault());
        ResourceBundle text = language.messages();
        boolean dark =
                switch (settings.theme()) {
                    case "dark" -> true;
                    case "light" -> false;
                    default -> SystemTheme.prefersDark();
                };
        applyTheme(dark);
        window = new MainWindow(new Workspace(language, dark), settings, engine, this::applyTheme);
        AppSettings.Bounds b = settings.windowBounds(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene =
                new Scene(window, Math.min(b.width(), screen.getWidth()), Math.min(b.height(), screen.getHeight()));
        scene.getStylesheets().add(ConvScopeApp.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle(text.getString("app.title"));
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        if (!Double.isNaN(b.x())
                && !Screen.getScreensForRectangle(b.x(), b.y(), 100, 100).isEmpty()) {
            stage.setX(b.x());
            stage.setY(b.y());
        }
        window.installShortcuts();
        stage.iconifiedProperty().addListener((o, was, minimised) -> {
            if (minimised) {
                window.pauseAnimations();
            }
        });
        stage.show();
        StartupProbe.windowShown();
        window.overview().requestFocus();
        // -Dconvscope.model=PATH (or preset:vgg16) opens another model at start (the bundled Tiny VGG otherwise).
        String model = System.getProperty("convscope.model");
        if (model != null && model.startsWith(PRESET_PREFIX)) {
            window.loadModel(null);
            window.loadPreset(model.substring(PRESET_PREFIX.length()));
        } else {
            window.loadModel(model == null || model.isBlank() ? null : Path.of(model));
        }
    }

    /**
     * Speaks another language from now on: the window's views follow its workspace's language, keeping the model, the
     * image and its computed snapshot, the open explanation and the reader's place; the choice is remembered.
     */
    void switchLanguage(Language language) {
        window.workspace().languageProperty().set(language);
    }

    /** Switches AtlantaFX's light or dark theme for the whole app. */
    void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (window != null && window.getScene() != null) {
            var w = window.getScene().getWindow();
            settings.windowBounds(new AppSettings.Bounds(w.getX(), w.getY(), w.getWidth(), w.getHeight()));
            settings.flush();
        }
        engine.shutdown();
    }

    /** The main window, for tests. */
    MainWindow window() {
        return window;
    }

    /** The engine thread's executor, for tests that hold it to see what runs there and what on the FX thread. */
    ExecutorService engine() {
        return engine.executor();
    }
}
