package io.convscope.cli;

import io.convscope.engine.training.TrainingRecipe;
import picocli.CommandLine.Option;

/** {@code train}'s options for how to train: optimiser, schedule, regularisation and weight averaging. */
final class RecipeOptions {

    // Above 1, Adam's steps are as large as the weights themselves: such a run only diverges.
    @Option(
            names = "--lr",
            defaultValue = "0.002",
            parameterConsumer = InRange.class,
            description = "Initial learning rate, above 0 and at most 1 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 1, minExclusive = true)
    double learningRate;

    @Option(
            names = "--optimizer",
            defaultValue = "adamw",
            paramLabel = "NAME",
            description = "adamw or sgd (momentum 0.9) (default ${DEFAULT-VALUE}).")
    TrainingRecipe.OptimiserKind optimiser;

    @Option(
            names = "--schedule",
            defaultValue = "cosine",
            paramLabel = "NAME",
            description = "Learning-rate schedule: constant, cosine (down to 2 %%) or step (default ${DEFAULT-VALUE}).")
    TrainingRecipe.ScheduleKind schedule;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            parameterConsumer = InRange.class,
            description = "Epochs of linear warm-up before the cosine decay, 0 to 1000 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 1000)
    double warmup;

    @Option(
            names = "--step-every",
            defaultValue = "30",
            parameterConsumer = InRange.class,
            description = "Epochs between the step schedule's decays, 1 to 100000 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 100_000)
    int stepEvery;

    @Option(
            names = "--step-factor",
            defaultValue = "0.1",
            parameterConsumer = InRange.class,
            description = "What each step multiplies the rate by, above 0 and at most 1 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 1, minExclusive = true)
    double stepFactor;

    @Option(
            names = "--weight-decay",
            defaultValue = "1e-4",
            parameterConsumer = InRange.class,
            description = "Weight decay on weights (not biases), 0 to 0.1 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 0.1)
    double weightDecay;

    @Option(
            names = "--label-smoothing",
            defaultValue = "0",
            parameterConsumer = InRange.class,
            description = "Share of the target spread over all classes, 0 to 0.5 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 0.5)
    double labelSmoothing;

    @Option(
            names = "--ema",
            defaultValue = "0",
            parameterConsumer = InRange.class,
            description = "Evaluate and keep a moving average of the weights with this decay, 0 (off) to 0.9999 "
                    + "(default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 0.9999)
    double averageDecay;

    @Option(
            names = "--no-augment",
            description = "Train on the images as they are (no flips, shifts or colour jitter).")
    boolean noAugment;

    TrainingRecipe recipe() {
        return new TrainingRecipe(
                optimiser,
                learningRate,
                schedule,
                warmup,
                stepEvery,
                stepFactor,
                weightDecay,
                labelSmoothing,
                averageDecay,
                !noAugment);
    }
}
