package io.convscope.ui.architecture;

import io.convscope.ui.architecture.graph.ArchitectureView;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

/**
 * Search by layer name in the architecture graph: Enter jumps to the next match and the label beside the field says
 * which of how many; clearing the field (or Esc) clears the highlight.
 */
final class ArchitectureSearch {

    private final ResourceBundle text;
    private final ArchitectureView view;
    private final TextField field = new TextField();
    private final Label matchInfo = new Label();

    ArchitectureSearch(ResourceBundle text, ArchitectureView view) {
        this.text = text;
        this.view = view;
        field.setId("architecture-search");
        field.setPromptText(text.getString("architecture.search.prompt"));
        field.setTooltip(new Tooltip(text.getString("architecture.search.tooltip")));
        field.setPrefColumnCount(10);
        matchInfo.getStyleClass().add("caption");
        matchInfo.setMinWidth(56);
        field.setOnAction(e -> next());
        field.textProperty().addListener((o, a, b) -> {
            if (b.isBlank()) {
                view.searchNext("");
                matchInfo.setText("");
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.clear();
                view.requestFocus();
            }
        });
    }

    /** The toolbar items: an icon, the field and the match count. */
    Node[] items() {
        return new Node[] {new FontIcon(Material2MZ.SEARCH), field, matchInfo};
    }

    private void next() {
        String hit = view.searchNext(field.getText());
        matchInfo.setText(
                hit == null
                        ? (field.getText().isBlank() ? "" : text.getString("architecture.search.none"))
                        : String.format(
                                text.getString("architecture.search.matches"),
                                view.matchPosition(),
                                view.matchCount()));
    }

    /** A new graph starts without a search. */
    void clear() {
        field.clear();
        matchInfo.setText("");
    }

    TextField field() {
        return field;
    }

    Label matchInfo() {
        return matchInfo;
    }
}
