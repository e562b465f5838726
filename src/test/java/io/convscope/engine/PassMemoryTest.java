package io.convscope.engine;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.engine.runtime.ForwardKernels;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pass's memory is known before running it, and a pass that cannot fit is refused with a sentence. */
class PassMemoryTest {

    /** The estimate is what a real pass keeps and what the im2col scratch of a fresh thread grows to. */
    @Test
    void estimateMatchesARealPass() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(1, 10, new FixedSchedule(1e-3), 0));
        net.init();
        CompiledNetwork compiled = Dl4jCompiler.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "t");
        PassMemory estimate = PassMemory.of(compiled.description());
        AtomicLong kept = new AtomicLong();
        AtomicLong scratch = new AtomicLong();
        Thread fresh = new Thread(() -> {
            ActivationSnapshot s = compiled.forward(new float[3 * 64 * 64]);
            kept.set(s.bytes());
            scratch.set(ForwardKernels.scratchFloats());
        });
        fresh.start();
        fresh.join();
        assertEquals(kept.get(), estimate.activations());
        // Tiny VGG's stride-1 unpadded convolutions unfold 512 positions at a time: 27 lines for the first, 90 for
        // the others (every plane has more than 512 positions).
        assertEquals(90L * 512, scratch.get());
        assertEquals(4 * scratch.get(), estimate.workspace());
    }

    /** A model of 50,000 ReLU filters loads in a second; its pass needs 1.4 GB, refused in a 1 GB heap. */
    @Test
    void refusesAPassThatCannotFitWithTheFigures() {
        PassMemory pass = PassMemory.of(wideReluNetwork(50_000));
        long gb = 1L << 30;
        ModelTooBigException e =
                assertThrows(ModelTooBigException.class, () -> pass.requireFits("wide.json", gb - (100L << 20), gb));
        assertTrue(pass.total() > 1.4 * gb && pass.total() < 1.5 * gb, pass.total() + " bytes");
        assertEquals(
                "wide.json needs about 1.4 GB for one image with every activation kept; this Java heap has"
                        + " 924 MB free of 1.0 GB: start Java with -Xmx3g or more (java -Xmx3g -jar convscope.jar ...)",
                e.getMessage());
        assertEquals(3, e.suggestedHeapGb());
        assertDoesNotThrow(() -> pass.requireFits("wide.json", 2 * gb, 2 * gb));
    }

    /** The test JVM's own heap: a tiny network fits, a network of a million filters over 128 x 128 does not. */
    @Test
    void checksThisJvmsHeap() {
        assertDoesNotThrow(() -> PassMemory.of(wideReluNetwork(1)).requireFitsHeap("one filter"));
        assertThrows(ModelTooBigException.class, () -> PassMemory.of(wideReluNetwork(1_000_000))
                .requireFitsHeap("a million filters"));
    }

    /** input 64 x 64 x 3, a 3 x 3 convolution of {@code filters} channels, ReLU: described, never allocated. */
    private static NetworkDescription wideReluNetwork(int filters) {
        Shape in = new Shape(3, 64, 64);
        Shape out = new Shape(filters, 62, 62);
        LayerDescription.Window k = new LayerDescription.Window(3, 3);
        LayerDescription.Window one = new LayerDescription.Window(1, 1);
        return new NetworkDescription(
                "wide",
                List.of(),
                List.of(
                        LayerDescription.elementwise("input", LayerKind.INPUT, in, in, "identity", 0),
                        new LayerDescription(
                                "conv",
                                LayerKind.CONVOLUTION,
                                in,
                                out,
                                k,
                                one,
                                LayerDescription.Padding.NONE,
                                "identity",
                                28L * filters),
                        LayerDescription.elementwise("relu", LayerKind.ACTIVATION, out, out, "relu", 0)),
                Map.of());
    }
}
