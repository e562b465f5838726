package io.convscope.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --data DIR} option that {@code evaluate} and {@code train} share. */
final class DataOption {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "An image folder: one sub-folder of images per class (DIR/<label>/*), or, for train, "
                    + "DIR/train/<label>/ and DIR/val/<label>/.")
    Path data;

    /** The folder, refused with a sentence when it does not exist. */
    Path folder() {
        if (!Files.isDirectory(data)) {
            throw new ConvScopeCommand.UserError("data folder " + data + " does not exist");
        }
        return data;
    }
}
