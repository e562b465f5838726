package io.convscope.ui;

import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static io.convscope.ui.TrainWorkspaceTest.onFx;

/**
 * The app's window for the Train workspace's tests ({@code @ExtendWith(TrainWindow.class)}): launched before the
 * class's tests, and afterwards put back in English, light and the Overview mode, its other windows closed, before
 * it is closed, so the next test class starts from the app as a student first sees it.
 */
final class TrainWindow implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        AppWindowTest.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        onFx(() -> {
            MainWindow w = AppWindowTest.app.window();
            w.workspace().languageProperty().set(Language.ENGLISH);
            w.workspace().darkProperty().set(false);
            w.workspace().modeProperty().set(WorkspaceMode.OVERVIEW);
            return null;
        });
        AppWindowTest.closeWindowsExcept(AppWindowTest.stage);
        AppWindowTest.close();
    }
}
