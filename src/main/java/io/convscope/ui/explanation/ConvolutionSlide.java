package io.convscope.ui.explanation;

import atlantafx.base.theme.Styles;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;

/**
 * The convolution view's sliding kernel: an outline steps over every input and intermediate map in a 5 × 5 grid of
 * steps while grey masks lift off the intermediate and output maps, revealing the results; its button skips to the
 * end or replays.
 */
final class ConvolutionSlide {

    static final int STEPS = 5;
    static final double STEP_MS = 200;
    static final Color MASK = Color.gray(0.88);

    private final Timeline timeline = new Timeline();
    private final Button skip = new Button();
    private final List<Rectangle> outlines = new ArrayList<>();
    private final List<Rectangle[]> masks = new ArrayList<>();
    private int step;

    ConvolutionSlide() {
        timeline.setCycleCount(1);
        skip.getStyleClass().add(Styles.FLAT);
        skip.setId("conv-skip");
        skip.setFocusTraversable(false);
        skip.setPadding(new Insets(0, 2, 0, 2));
        skip.setOnAction(e -> {
            if (isSliding()) {
                finish();
            } else {
                replay();
            }
        });
    }

    /** The skip / replay button, drawn beside the intermediate maps' header. */
    Button button() {
        return skip;
    }

    /** Forgets the previous diagram's outlines and masks. */
    void clear() {
        timeline.stop();
        outlines.clear();
        masks.clear();
    }

    /** Grey cells over a map, lifted one per step. */
    void mask(Pane diagram, double x, double y, double side) {
        Rectangle[] cells = new Rectangle[STEPS * STEPS];
        double s = side / STEPS;
        for (int i = 0; i < cells.length; i++) {
            Rectangle r = new Rectangle(x + (i % STEPS) * s, y + (i / STEPS) * s, Math.ceil(s), Math.ceil(s));
            r.setFill(MASK);
            r.setMouseTransparent(true);
            cells[i] = r;
        }
        diagram.getChildren().addAll(cells);
        masks.add(cells);
    }

    /** The window outline that steps over a map. */
    void outline(Pane diagram, double x, double y, double side) {
        Rectangle r = new Rectangle(side / STEPS, side / STEPS);
        r.setFill(Color.TRANSPARENT);
        r.setStroke(Color.BLACK);
        r.setStrokeWidth(1.5);
        r.setMouseTransparent(true);
        r.setUserData(new double[] {x, y, side});
        diagram.getChildren().add(r);
        outlines.add(r);
    }

    void replay() {
        timeline.stop();
        timeline.getKeyFrames().clear();
        int steps = STEPS * STEPS;
        for (int i = 0; i < steps; i++) {
            final int index = i;
            timeline.getKeyFrames().add(new KeyFrame(Duration.millis(i * STEP_MS), e -> slideTo(index)));
        }
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(steps * STEP_MS), e -> finish()));
        for (Rectangle[] m : masks) {
            for (Rectangle r : m) {
                r.setVisible(true);
            }
        }
        outlines.forEach(o -> o.setVisible(true));
        slideTo(0);
        skip.setGraphic(new FontIcon(Material2MZ.SKIP_NEXT));
        timeline.playFromStart();
    }

    private void slideTo(int index) {
        step = index;
        int sx = index % STEPS;
        int sy = index / STEPS;
        for (Rectangle o : outlines) {
            double[] at = (double[]) o.getUserData();
            double s = at[2] / STEPS;
            o.setX(at[0] + sx * s);
            o.setY(at[1] + sy * s);
        }
        for (Rectangle[] m : masks) {
            for (int i = 0; i <= index && i < m.length; i++) {
                m[i].setVisible(false);
            }
        }
    }

    /** Ends the sliding animation: every result revealed, the outlines gone, the button offers a replay. */
    void finish() {
        timeline.stop();
        step = STEPS * STEPS;
        for (Rectangle[] m : masks) {
            for (Rectangle r : m) {
                r.setVisible(false);
            }
        }
        outlines.forEach(o -> o.setVisible(false));
        skip.setGraphic(new FontIcon(Material2MZ.REPLAY));
    }

    boolean isSliding() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    /** Position of the sliding outline, 0 … 24, or 25 when the pass is over. */
    int step() {
        return step;
    }
}
