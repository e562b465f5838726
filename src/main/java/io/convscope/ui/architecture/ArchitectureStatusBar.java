package io.convscope.ui.architecture;

import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.details.Figures;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.ResourceBundle;

/**
 * The architecture window's status bar: the shown graph's summary on the left (its warnings in a tooltip), and on the
 * right a notice that says what just went wrong (or was written) and goes away by itself.
 */
final class ArchitectureStatusBar extends HBox {

    static final double NOTICE_SECONDS = 8;

    private final ResourceBundle text;
    private final Figures figures;
    private final Label status = new Label();
    private final Label notice = new Label();
    private final PauseTransition noticeTimer = new PauseTransition(Duration.seconds(NOTICE_SECONDS));

    ArchitectureStatusBar(ResourceBundle text, Figures figures) {
        super(12);
        this.text = text;
        this.figures = figures;
        status.setId("architecture-status");
        notice.setId("architecture-notice");
        notice.getStyleClass().addAll("notice", "danger");
        notice.setVisible(false);
        notice.setManaged(false);
        notice.setWrapText(true);
        noticeTimer.setOnFinished(e -> hideNotice());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(status, grow, notice);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
    }

    /** Name, layer count, parameters and multiply-adds of {@code g}; its warnings, if any, counted and in a tooltip. */
    void summarize(ArchitectureGraph g) {
        String summary = String.format(
                text.getString("architecture.status"),
                g.name(),
                g.nodes().size(),
                figures.count(g.params()),
                figures.count(g.multiplyAccumulates()));
        if (g.warnings().isEmpty()) {
            status.setText(summary);
            status.setTooltip(null);
        } else {
            status.setText(String.format(
                    text.getString("architecture.status.warnings"),
                    summary,
                    g.warnings().size()));
            status.setTooltip(new Tooltip(String.join("\n", g.warnings())));
        }
    }

    void showNotice(String message) {
        show(message, "danger");
    }

    void showInfo(String message) {
        show(message, "architecture-info");
    }

    private void show(String message, String kind) {
        notice.getStyleClass().setAll("notice", kind);
        notice.setText(message);
        notice.setVisible(true);
        notice.setManaged(true);
        noticeTimer.playFromStart();
    }

    void hideNotice() {
        notice.setVisible(false);
        notice.setManaged(false);
    }

    Label notice() {
        return notice;
    }
}
