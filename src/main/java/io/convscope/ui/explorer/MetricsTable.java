package io.convscope.ui.explorer;

import io.convscope.explain.dataset.ClassMetrics;
import io.convscope.explain.dataset.DatasetReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Per-class precision, recall and F1 with the number of images, one row per class. An undefined ratio (a class never
 * predicted has no precision) reads "—", never 0. Sorting a column sorts by the shown value.
 */
final class MetricsTable extends TableView<MetricsTable.Row> {

    /** One class's line. */
    record Row(int index, String name, ClassMetrics metrics) {}

    static final String UNDEFINED = "\u2014";

    MetricsTable(ResourceBundle text) {
        TableColumn<Row, String> name = new TableColumn<>(text.getString("explorer.column.class"));
        name.setCellValueFactory(r -> new ReadOnlyStringWrapper(
                r.getValue().index() + "  " + r.getValue().name()));
        name.setPrefWidth(118);
        getColumns().add(name);
        getColumns().add(ratio(text.getString("explorer.column.precision"), ClassMetrics::precision, 86));
        getColumns().add(ratio(text.getString("explorer.column.recall"), ClassMetrics::recall, 68));
        getColumns().add(ratio(text.getString("explorer.column.f1"), ClassMetrics::f1, 58));
        TableColumn<Row, Integer> support = new TableColumn<>(text.getString("explorer.column.images"));
        support.setCellValueFactory(
                r -> new ReadOnlyObjectWrapper<>(r.getValue().metrics().support()));
        support.setPrefWidth(72);
        getColumns().add(support);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label(text.getString("explorer.empty")));
    }

    void show(DatasetReport report) {
        List<ClassMetrics> metrics = report.metrics();
        List<Row> rows = new ArrayList<>(metrics.size());
        for (int c = 0; c < metrics.size(); c++) {
            rows.add(new Row(c, report.classes().get(c), metrics.get(c)));
        }
        getItems().setAll(rows);
    }

    /** How a ratio reads: three decimals, or a dash when it is undefined. */
    static String format(Double ratio) {
        return ratio == null ? UNDEFINED : String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static TableColumn<Row, String> ratio(String title, Function<ClassMetrics, Double> value, double width) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(
                r -> new ReadOnlyStringWrapper(format(value.apply(r.getValue().metrics()))));
        column.setPrefWidth(width);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }
}
