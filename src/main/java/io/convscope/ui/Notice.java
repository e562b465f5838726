package io.convscope.ui;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** A message over the overview (a failure in the student's words) that fades after a while. */
final class Notice extends Label {

    /** Our style class for a notice (the stylesheet gives it the danger colours' box). */
    static final String STYLE_CLASS = "notice";

    static final double NOTICE_SECONDS = 6;

    private PauseTransition timer;

    Notice() {
        setId("notice");
        getStyleClass().addAll(STYLE_CLASS, Styles.DANGER);
        setVisible(false);
        setWrapText(true);
        setMaxWidth(560);
    }

    /** Shows {@code message} for {@link #NOTICE_SECONDS}; null hides the notice at once. */
    void show(String message) {
        if (timer != null) {
            timer.stop();
        }
        setText(message == null ? "" : message);
        setVisible(message != null);
        if (message != null) {
            timer = new PauseTransition(Duration.seconds(NOTICE_SECONDS));
            timer.setOnFinished(e -> setVisible(false));
            timer.play();
        }
    }

    /** What it says while it shows, else "". */
    String shownText() {
        return isVisible() ? getText() : "";
    }
}
