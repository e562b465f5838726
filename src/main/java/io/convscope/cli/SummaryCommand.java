package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.LoadedModel;
import io.convscope.network.CostAnalysis;
import io.convscope.network.LayerCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Every layer's output shape, parameters, multiply-adds and activation memory, with totals.")
final class SummaryCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(names = "--json", description = "Print {layers, total_params, total_macs, ...} as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** "conv", "max_pool", ... and the function's own name for activation layers ("relu", "tanh"). */
    private static String type(LayerCost c) {
        return c.layer().kind() == io.convscope.network.LayerKind.ACTIVATION
                ? c.layer().activation() : c.layer().kind().genericName();
    }

    @Override
    public Integer call() throws Exception {
        LoadedModel model = modelOption.load();
        CostAnalysis cost = CostAnalysis.of(model.description());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("model", model.source());
            ArrayNode layers = o.putArray("layers");
            for (LayerCost c : cost.layers()) {
                ObjectNode l = layers.addObject();
                l.put("name", c.layer().name());
                l.put("type", type(c));
                ArrayNode shape = l.putArray("output_shape");
                var s = c.layer().outputShape();
                if (s.isVector()) {
                    shape.add(s.channels());
                } else {
                    shape.add(s.height()).add(s.width()).add(s.channels());
                }
                l.put("params", c.parameters());
                l.put("macs", c.multiplyAdds());
                l.put("other_ops", c.otherOperations());
                l.put("activation_bytes", c.activationBytes());
            }
            o.put("total_params", cost.totalParameters());
            o.put("total_macs", cost.totalMultiplyAdds());
            o.put("total_other_ops", cost.totalOtherOperations());
            o.put("total_activation_bytes", cost.totalActivationBytes());
            o.put("peak_activation_bytes", cost.peakActivationBytes());
            o.put("param_bytes", cost.parameterBytes());
            out.println(mapper.writeValueAsString(o));
        } else {
            out.println(model.source());
            out.printf(Locale.ROOT, "%-16s %-10s %-16s %12s %14s %14s%n", "layer", "type", "output", "params",
                    "mult-adds", "activations");
            for (LayerCost c : cost.layers()) {
                out.printf(Locale.ROOT, "%-16s %-10s %-16s %,12d %,14d %,12d B%n", c.layer().name(),
                        type(c), c.layer().outputShape(), c.parameters(), c.multiplyAdds(),
                        c.activationBytes());
            }
            out.printf(Locale.ROOT, "%-44s %,12d %,14d %,12d B%n", "total", cost.totalParameters(),
                    cost.totalMultiplyAdds(), cost.totalActivationBytes());
            out.printf(Locale.ROOT, "peak activation memory for one image: %,d B; parameters: %,d B (fp32)%n",
                    cost.peakActivationBytes(), cost.parameterBytes());
        }
        out.flush();
        return 0;
    }
}
