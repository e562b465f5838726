package io.convscope.ui;

import io.convscope.ui.workspace.WorkspaceMode;
import javafx.scene.Node;

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
