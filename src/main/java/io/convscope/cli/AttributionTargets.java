package io.convscope.cli;

import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionTarget;

import java.util.List;

/** {@code --class NAME|INDEX} and {@code --cell CHANNEL,ROW,COLUMN} turned into what the engine explains. */
final class AttributionTargets {

    private AttributionTargets() {}

    /** The target the options name, or null for each image's top class; refused with a sentence naming the option. */
    static AttributionTarget fixed(Attribution attribution, String classOption, String cellOption) {
        boolean classes = attribution.network().logitsLayer() >= 0;
        if (cellOption != null) {
            if (classes || classOption != null) {
                throw new ConvScopeCommand.UserError(
                        classes
                                ? "--cell is for a network whose output is a map; this one predicts classes: use --class"
                                : "give --class or --cell, not both");
            }
            String[] parts = cellOption.split(",");
            try {
                if (parts.length == 3) {
                    int c = Integer.parseInt(parts[0].strip());
                    int y = Integer.parseInt(parts[1].strip());
                    int x = Integer.parseInt(parts[2].strip());
                    return AttributeCommand.check(() -> attribution.cellTarget(c, y, x));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConvScopeCommand.UserError(
                    "--cell must be CHANNEL,ROW,COLUMN (three whole numbers), not " + cellOption);
        }
        if (!classes) {
            throw new ConvScopeCommand.UserError("the network's output is a map, not classes: name the output value"
                    + " to explain with --cell CHANNEL,ROW,COLUMN (the output is "
                    + attribution
                            .description()
                            .layer(attribution.description().layers().size() - 1)
                            .outputShape()
                    + ")");
        }
        if (classOption == null) {
            return null;
        }
        List<String> names = attribution.description().classes();
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).equalsIgnoreCase(classOption.strip())) {
                return attribution.classTarget(c);
            }
        }
        try {
            int index = Integer.parseInt(classOption.strip());
            if (index >= 0 && index < names.size()) {
                return attribution.classTarget(index);
            }
        } catch (NumberFormatException e) {
            // not an index either
        }
        throw new ConvScopeCommand.UserError("--class " + classOption + " is neither a class of the model nor an index"
                + " from 0 to " + (names.size() - 1) + "; the classes are " + String.join(", ", names));
    }
}
