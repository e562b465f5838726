package io.convscope.engine.attribution;

import java.util.concurrent.CancellationException;

/**
 * An attribution computation stopped because its {@link AttributionProgress} said so: nothing went wrong, so the app
 * shows no error. Thrown between steps, so the network and its parameters are as before the computation.
 */
public final class AttributionCancelledException extends CancellationException {

    public AttributionCancelledException() {
        super("attribution cancelled");
    }
}
