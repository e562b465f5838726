package io.convscope.ui.train;

import io.convscope.ui.workspace.Workspace;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The workspace's words for the Train view, kept up to date: each text is set through a small rule that runs again
 * when the language changes, so the view re-labels itself in place and keeps every control, chart and run as it is.
 */
final class Words {

    private final Workspace workspace;
    private final List<Runnable> rules = new ArrayList<>();

    Words(Workspace workspace) {
        this.workspace = workspace;
        workspace.languageProperty().addListener((o, was, now) -> List.copyOf(rules)
                .forEach(Runnable::run));
    }

    ResourceBundle text() {
        return workspace.text();
    }

    String get(String key) {
        return workspace.text().getString(key);
    }

    /** The pattern of {@code key} with its arguments (numbers grouped the same way in both languages). */
    String format(String key, Object... args) {
        return String.format(Locale.ROOT, get(key), args);
    }

    <T extends Labeled> T label(T node, String key) {
        on(() -> node.setText(get(key)));
        return node;
    }

    <T extends Control> T tip(T control, String key) {
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        control.setTooltip(tip);
        on(() -> tip.setText(get(key)));
        return control;
    }

    /** Runs {@code rule} now and after every change of language. */
    void on(Runnable rule) {
        rules.add(rule);
        rule.run();
    }
}
