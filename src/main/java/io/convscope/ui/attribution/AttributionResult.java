package io.convscope.ui.attribution;

import io.convscope.engine.Inference;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.network.AttributionMap;
import io.convscope.network.Shape;

/**
 * One map computed for the view, with what it was computed for: the view keeps it across a change of language or
 * theme and draws it again without recomputing.
 *
 * @param map      the engine's map
 * @param target   the explained value (class logit or output cell)
 * @param camLayer the description layer a CAM read, else -1
 * @param layer    that layer's output shape, else null
 * @param model    the model it was computed with
 * @param image    the input array it explains (channel-major, the model's input units)
 * @param choice   the choice it answers
 */
public record AttributionResult(
        AttributionMap map,
        AttributionTarget target,
        int camLayer,
        Shape layer,
        Inference model,
        float[] image,
        AttributionChoice choice) {}
