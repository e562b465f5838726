package io.convscope.ui;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import io.convscope.ui.overview.OverviewPane;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A network with 64- and 128-channel layers gets the same overview: ten heatmaps per column, scrolling the rest. */
class WideNetworkOverviewTest {

    @Test
    void wideLayersScrollAndOnlyVisibleNeuronsAreRendered() throws Exception {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("wide_conv")
                        .nOut(64)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .name("pool")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("wider_conv")
                        .nOut(128)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new OutputLayer.Builder()
                        .name("out")
                        .nOut(5)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(32, 32, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<String> classes = List.of("a", "b", "c", "d", "e");
        CompiledNetwork compiled = Dl4jCompiler.compile(net, new Shape(3, 32, 32), classes, "wide");
        float[] x = new float[3 * 32 * 32];
        Random rng = new Random(5);
        IntStream.range(0, x.length).forEach(i -> x[i] = rng.nextFloat());
        ActivationSnapshot s = compiled.forward(x);

        FxToolkit.registerPrimaryStage();
        OverviewPane overview = WaitForAsyncUtils.asyncFx(() -> {
                    OverviewPane pane = new OverviewPane(
                            ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH), new Palette(false));
                    Stage stage = new Stage();
                    stage.setScene(new Scene(pane, 1440, 900));
                    stage.show();
                    pane.show(s, RangeMode.UNIT);
                    return pane;
                })
                .get();
        WaitForAsyncUtils.waitForFxEvents();

        int wide = 1; // input, wide_conv, wide_conv_relu, pool, wider_conv, output
        assertEquals(64, overview.columns().get(wide).neurons());
        assertNotNull(overview.heatmap(wide, OverviewLayout.MAX_VISIBLE - 1));
        assertNull(overview.heatmap(wide, OverviewLayout.MAX_VISIBLE), "neurons beyond the window are not rendered");

        OverviewLayout layout = overview.layoutGeometry();
        double cx = layout.columnX(wide) + layout.neuronSize() / 2;
        double cy = layout.box(wide, 3, OverviewLayout.MAX_VISIBLE).centerY();
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.asyncFx(() -> overview.fireEvent(PointerEvents.wheel(cx, cy, -40)))
                    .get();
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(overview.heatmap(wide, 0), "scrolled past the first neurons");
        HeatmapView fifth = overview.heatmap(wide, 5);
        assertNotNull(fifth);
        int layer = s.network().indexOf("wide_conv");
        double range = ColorRanges.of(s).range(RangeMode.UNIT, layer);
        assertEquals(ValueColors.activation(s.layer(layer).value(5, 7, 9), range), fifth.argbAt(9, 7));
    }

    @AfterAll
    static void closeStage() throws Exception {
        AppWindowTest.closeWindowsExcept(FxToolkit.registerPrimaryStage());
    }
}
