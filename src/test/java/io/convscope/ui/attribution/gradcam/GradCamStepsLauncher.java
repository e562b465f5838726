package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.PresetModels;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.image.ImagePreprocessor;
import io.convscope.ui.common.FitToSize;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * Shows the Grad-CAM walkthrough in a window of its own, before the attribution mode hosts it: for the bundled model
 * and {@code sample-images/coffee.png} by default.
 * <pre>
 * mvn -B -q -DskipTests test-compile
 * java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *     io.convscope.ui.attribution.gradcam.GradCamStepsLauncher [--zh] [--dark] [--size 1024x640] [--layer relu_1_2]
 *     [--class 3] [--preset vgg16] [--image path]
 * </pre>
 * (write the class path once with {@code mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt}).
 * Keys: L switches the language, D the theme, as the app's menus would.
 */
public final class GradCamStepsLauncher {

    /** Started through {@link #main}: a main class that extends Application needs JavaFX on the module path. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            boolean dark = args.contains("--dark");
            Language language = args.contains("--zh") ? Language.CHINESE : Language.ENGLISH;
            String size = option(args, "--size", "1440x900");
            int layer = -1;
            String preset = option(args, "--preset", null);
            LoadedModel model = preset == null
                    ? ModelLoader.loadBundled()
                    : PresetModels.load(
                            ArchitecturePresets.find(preset).orElseThrow(), preset, PresetModels.Progress.NONE);
            Inference inference = new Inference(model);
            Path image = Path.of(option(args, "--image", "sample-images/coffee.png"));
            float[] input = inference.channels(ImagePreprocessor.load(image, model.inputHeight(), model.inputWidth()));
            String layerName = option(args, "--layer", null);
            if (layerName != null) {
                layer = model.description().indexOf(layerName);
            }
            int classIndex = Integer.parseInt(option(args, "--class", "-1"));
            if (classIndex < 0) {
                classIndex = inference.run(input).topClass();
            }
            GradCamWalkthrough walkthrough = GradCamSteps.compute(inference, input, classIndex, layer);
            Workspace workspace = new Workspace(language, dark);
            theme(dark);
            GradCamSteps steps = new GradCamSteps(workspace, walkthrough);
            StackPane root = new StackPane(new FitToSize(steps, FitToSize.VIEW_MAX_SCALE, Pos.CENTER));
            root.getStyleClass().add("explanation-view");
            String[] wh = size.split("x");
            Scene scene = new Scene(root, Double.parseDouble(wh[0]), Double.parseDouble(wh[1]));
            scene.getStylesheets()
                    .add(Palette.class.getResource(Palette.STYLESHEET).toExternalForm());
            scene.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.L) {
                    workspace
                            .languageProperty()
                            .set(workspace.language() == Language.ENGLISH ? Language.CHINESE : Language.ENGLISH);
                } else if (e.getCode() == KeyCode.D) {
                    workspace.darkProperty().set(!workspace.darkProperty().get());
                    theme(workspace.darkProperty().get());
                } else if (e.getCode() == KeyCode.ESCAPE) {
                    Platform.exit();
                }
            });
            stage.setTitle("Grad-CAM walkthrough");
            stage.setScene(scene);
            stage.show();
        }

        private static void theme(boolean dark) {
            Application.setUserAgentStylesheet(
                    dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        }

        private static String option(List<String> args, String name, String fallback) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
        }
    }

    private GradCamStepsLauncher() {}

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }
}
