package io.convscope.ui.workspace;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * Asks for the Learn article to open at a section. Fired by info buttons and layer labels and bubbled up to the main
 * window, so the views need no reference to the article.
 */
public final class LearnRequest extends Event {

    public static final EventType<LearnRequest> OPEN = new EventType<>(Event.ANY, "LEARN_OPEN");

    private final String section;

    public LearnRequest(String section) {
        super(OPEN);
        this.section = section;
    }

    public String section() {
        return section;
    }
}
