package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.EvaluationScope;
import io.convscope.explain.dataset.DatasetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Accuracy and confusion matrix on DIR/<label>/* images (only the held-out ones when the model "
                + "was trained on a split of DIR).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOption dataOption;

    @Option(
            names = "--json",
            description = "Print {n, correct, accuracy, classes, confusion, precision, recall, f1, mistakes, "
                    + "top_losses} as JSON; an undefined precision, recall or F1 (a class never predicted or never "
                    + "labelled) is null.")
    boolean json;

    @Option(
            names = "--top",
            defaultValue = "20",
            paramLabel = "N",
            parameterConsumer = InRange.class,
            description = "How many images top_losses lists, highest cross-entropy first, 0 to 100000 "
                    + "(default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 100_000)
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path data = dataOption.folder();
        LoadedModel model = modelOption.loadToRun();
        if (!model.description().predictsClasses()) {
            throw new ConvScopeCommand.UserError(model.description().name() + " outputs a map, not classes: "
                    + "evaluate measures class accuracy on a labelled image folder");
        }
        Evaluation e;
        EvaluationScope scope;
        try {
            scope = EvaluationScope.of(modelOption.model, model, data);
            e = Evaluation.of(model, scope.samples(), scope.folder(), Evaluation.Progress.NONE);
        } catch (IOException ex) {
            throw new ConvScopeCommand.UserError(ex.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> classes = model.description().classes();
        String splitFile = scope.split() == null
                ? null
                : DatasetSplit.fileOf(modelOption.model).getFileName().toString();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            DatasetReport report = new DatasetReport(classes, e.confusion(), e.images());
            out.println(mapper.writeValueAsString(EvaluationJson.of(mapper, report, splitFile, top)));
        } else {
            if (splitFile != null) {
                out.printf(
                        Locale.ROOT,
                        "Scoring the %d images held out when the model was trained (listed in %s); the other %d "
                                + "trained it.%n",
                        e.total(),
                        splitFile,
                        scope.trainedOn());
            }
            out.printf(
                    Locale.ROOT, "%d of %d correct: %.1f %% accuracy%n%n", e.correct(), e.total(), 100 * e.accuracy());
            out.println("Confusion matrix (rows: true class, columns: predicted):");
            out.printf("%-14s", "");
            for (int j = 0; j < classes.size(); j++) {
                out.printf("%5d", j);
            }
            out.println();
            for (int i = 0; i < classes.size(); i++) {
                out.printf(Locale.ROOT, "%-14s", i + " " + shorten(classes.get(i)));
                for (int v : e.confusion()[i]) {
                    out.printf("%5d", v);
                }
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    private static String shorten(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12);
    }
}
