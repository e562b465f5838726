package io.convscope.ui.attribution;

import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.explain.attribution.MapPlane;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the student chose in the attribution view, kept apart from the controls so a change of language or theme
 * (which makes the controls again) loses nothing.
 *
 * @param method     the method of the single map
 * @param classIndex the class whose logit is explained; -1 for the network's prediction
 * @param cell       for a network whose output is a map: channel, row, column of the explained cell
 * @param settings   every method's parameters (the CAM layer by name, null for the default)
 * @param plane      max |.| over the input's channels, or one channel signed
 * @param compared   the methods drawn side by side when comparing
 */
public record AttributionChoice(
        AttributionMethod method,
        int classIndex,
        int[] cell,
        AttributionSettings settings,
        MapPlane plane,
        Set<AttributionMethod> compared) {

    public static final AttributionChoice DEFAULT = new AttributionChoice(
            AttributionMethod.GRAD_CAM,
            -1,
            new int[] {0, 0, 0},
            AttributionSettings.DEFAULTS,
            MapPlane.MAGNITUDE,
            EnumSet.of(
                    AttributionMethod.GRADIENT,
                    AttributionMethod.INTEGRATED_GRADIENTS,
                    AttributionMethod.GRAD_CAM,
                    AttributionMethod.OCCLUSION));

    public AttributionChoice {
        cell = cell.clone();
        compared = compared.isEmpty() ? EnumSet.noneOf(AttributionMethod.class) : EnumSet.copyOf(compared);
    }

    public AttributionChoice withMethod(AttributionMethod m) {
        return new AttributionChoice(m, classIndex, cell, settings, plane, compared);
    }

    public AttributionChoice withClass(int index) {
        return new AttributionChoice(method, index, cell, settings, plane, compared);
    }

    public AttributionChoice withCell(int channel, int row, int column) {
        return new AttributionChoice(method, classIndex, new int[] {channel, row, column}, settings, plane, compared);
    }

    public AttributionChoice withSettings(AttributionSettings s) {
        return new AttributionChoice(method, classIndex, cell, s, plane, compared);
    }

    public AttributionChoice withPlane(MapPlane p) {
        return new AttributionChoice(method, classIndex, cell, settings, p, compared);
    }

    public AttributionChoice withCompared(Set<AttributionMethod> methods) {
        return new AttributionChoice(method, classIndex, cell, settings, plane, methods);
    }
}
