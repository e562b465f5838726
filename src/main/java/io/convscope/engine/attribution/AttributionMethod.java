package io.convscope.engine.attribution;

import java.util.Arrays;
import java.util.Optional;

/** The attribution methods, by the names the CLI and the JSON use. */
public enum AttributionMethod {
    GRADIENT("gradient"),
    SMOOTHGRAD("smoothgrad"),
    INTEGRATED_GRADIENTS("ig"),
    GRAD_CAM("gradcam"),
    HIRES_CAM("hirescam"),
    GRAD_CAM_PLUS_PLUS("gradcam++"),
    OCCLUSION("occlusion");

    private final String id;

    AttributionMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether the method reads a layer's maps (the CAMs). */
    public boolean usesLayer() {
        return this == GRAD_CAM || this == HIRES_CAM || this == GRAD_CAM_PLUS_PLUS;
    }

    public static Optional<AttributionMethod> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
