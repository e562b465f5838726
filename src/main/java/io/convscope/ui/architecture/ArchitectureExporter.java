package io.convscope.ui.architecture;

import io.convscope.engine.AtomicFiles;
import io.convscope.explain.graph.ArchitectureCsv;
import io.convscope.explain.graph.ArchitectureSvg;
import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.NodeColors;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureJson;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitectureFrame.Viewport;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.common.Palette;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The architecture window's exports: the table as CSV or JSON (the graph, all layers) and the graph as drawn as PNG or
 * SVG (collapsed blocks stay collapsed). Files are written atomically on the window's worker thread; the status bar
 * says when a file is written or why it was not.
 */
final class ArchitectureExporter {

    /** The longer side of an exported PNG, in pixels. */
    static final int PNG_MAX_SIDE = 8192;
    /** PNG export scale when the graph is small enough: crisper than the screen. */
    static final double PNG_PREFERRED_SCALE = 2;
    /** The PNG is rasterised in tiles of this size: one huge canvas would exceed texture limits. */
    static final int PNG_TILE = 2048;

    /** What the export menu offers; the extension doubles as the resource key suffix. */
    enum Format {
        CSV("csv"),
        JSON("json"),
        PNG("png"),
        SVG("svg");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    private final ResourceBundle text;
    private final ArchitecturePainter painter;
    private final NodeLabels labels;
    private boolean dark;
    private final Executor worker;
    private final ArchitectureStatusBar statusBar;

    ArchitectureExporter(
            ResourceBundle text,
            ArchitecturePainter painter,
            NodeLabels labels,
            boolean dark,
            Executor worker,
            ArchitectureStatusBar statusBar) {
        this.text = text;
        this.painter = painter;
        this.labels = labels;
        this.dark = dark;
        this.worker = worker;
        this.statusBar = statusBar;
    }

    /** The theme changed: PNG and SVG exports are drawn as the graph is now shown. */
    void dark(boolean on) {
        dark = on;
    }

    /** Asks where to save {@code graph} as {@code f}, then exports it there. */
    void choose(Window owner, Format f, ArchitectureGraph graph, GraphLayout layout) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(graph.name().replaceAll("[^A-Za-z0-9._-]+", "-") + "." + f.extension);
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(
                        text.getString("architecture.export." + f.extension), "*." + f.extension));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            export(f, graph, layout, file.toPath());
        }
    }

    /** Writes {@code graph} (or its {@code layout}, as drawn) to {@code target}; a PNG is rasterised here first. */
    CompletableFuture<Path> export(Format f, ArchitectureGraph graph, GraphLayout layout, Path target) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        BufferedImage png = f == Format.PNG ? rasterize(layout) : null;
        worker.execute(() -> {
            try {
                AtomicFiles.write(target, out -> {
                    if (png != null) {
                        ImageIO.write(png, "png", out);
                        return;
                    }
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    switch (f) {
                        case CSV -> ArchitectureCsv.write(graph, w);
                        case JSON -> ArchitectureJson.write(graph, w);
                        case SVG -> ArchitectureSvg.write(layout, labels, dark, w);
                        default -> throw new IllegalStateException(f.name());
                    }
                    w.flush();
                });
                Platform.runLater(() -> statusBar.showInfo(
                        String.format(text.getString("architecture.export.done"), target.getFileName())));
                done.complete(target);
            } catch (Exception e) {
                Platform.runLater(() -> statusBar.showNotice(String.format(
                        text.getString("architecture.export.failed"), target.getFileName(), e.getMessage())));
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The whole graph at up to 2× scale, the longer side at most {@value #PNG_MAX_SIDE} px, drawn tile by tile. */
    BufferedImage rasterize(GraphLayout layout) {
        double scale = Math.min(PNG_PREFERRED_SCALE, PNG_MAX_SIDE / Math.max(layout.width(), layout.height()));
        int w = Math.max(1, (int) Math.floor(layout.width() * scale));
        int h = Math.max(1, (int) Math.floor(layout.height() * scale));
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Canvas tile = new Canvas(PNG_TILE, PNG_TILE);
        ArchitectureFrame frame =
                new ArchitectureFrame(layout, EdgeLabels.of(layout), dark, ArchitecturePainter.Highlight.NONE, null);
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Palette.fx(NodeColors.background(dark)));
        int[] row = new int[PNG_TILE * PNG_TILE];
        for (int ty = 0; ty < h; ty += PNG_TILE) {
            for (int tx = 0; tx < w; tx += PNG_TILE) {
                painter.paint(tile.getGraphicsContext2D(), frame.at(new Viewport(scale, -tx, -ty, PNG_TILE, PNG_TILE)));
                WritableImage shot = tile.snapshot(params, null);
                int tw = Math.min(PNG_TILE, w - tx);
                int th = Math.min(PNG_TILE, h - ty);
                shot.getPixelReader().getPixels(0, 0, tw, th, PixelFormat.getIntArgbInstance(), row, 0, tw);
                image.setRGB(tx, ty, tw, th, row, 0, tw);
            }
        }
        return image;
    }
}
