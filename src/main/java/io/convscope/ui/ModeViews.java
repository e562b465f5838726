package io.convscope.ui;

import io.convscope.ui.attribution.AttributionView;
import io.convscope.ui.learn.LearnPanel;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.train.TrainWorkspaceView;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The network area's view per {@link WorkspaceMode}. A mode's view is made the first time the student goes there
 * and kept: a training run goes on and an attribution map stays while the student looks at the overview. Views
 * follow the workspace's language and theme themselves, keeping what they show.
 */
final class ModeViews {

    /**
     * The main window's modes: the overview ({@code networkArea}), Why? and Train. The workspace's mode puts its view
     * in the split's first place; the image side panel shows in the modes about the shown image (not Train, which
     * needs the room); the Learn article's {@code mode:} links (attribution, training) switch only to a mode with a
     * view.
     */
    static ModeViews wire(
            Workspace workspace,
            EngineRequests requests,
            Node networkArea,
            SplitPane split,
            Node side,
            LearnPanel learn) {
        ModeViews modes = new ModeViews();
        modes.register(WorkspaceMode.OVERVIEW, () -> networkArea);
        modes.register(WorkspaceMode.ATTRIBUTION, () -> new AttributionView(workspace, EngineService.start()));
        modes.register(
                WorkspaceMode.TRAIN,
                () -> new TrainWorkspaceView(workspace, requests::loadModel, requests::showFileThrough));
        learn.setOnShowMode(m -> {
            if (modes.available().contains(m)) {
                workspace.modeProperty().set(m);
            }
        });
        workspace.modeProperty().addListener((o, was, mode) -> split.getItems().set(0, modes.view(mode)));
        side.visibleProperty().bind(workspace.modeAboutTheShownImage());
        side.managedProperty().bind(side.visibleProperty());
        return modes;
    }

    private final Map<WorkspaceMode, Supplier<Node>> makers = new EnumMap<>(WorkspaceMode.class);
    private final Map<WorkspaceMode, Node> made = new EnumMap<>(WorkspaceMode.class);

    /** {@code maker} is called on the FX thread, at most once. */
    void register(WorkspaceMode mode, Supplier<Node> maker) {
        makers.put(mode, maker);
    }

    /** The modes the tool bar offers: those with a view. */
    Set<WorkspaceMode> available() {
        return makers.keySet();
    }

    Node view(WorkspaceMode mode) {
        return made.computeIfAbsent(mode, m -> makers.get(m).get());
    }

    /** The view of {@code mode} if it has been made (tests and the shell's shortcuts), else null. */
    Node madeView(WorkspaceMode mode) {
        return made.get(mode);
    }
}
