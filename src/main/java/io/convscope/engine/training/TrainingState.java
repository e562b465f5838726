package io.convscope.engine.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** State beside the parameters that a resumed run needs to continue exactly: an optimiser's moments, an average. */
interface TrainingState {

    void write(DataOutputStream out) throws IOException;

    void read(DataInputStream in) throws IOException;

    /** Several states written and read one after the other. */
    static TrainingState of(TrainingState... parts) {
        return new TrainingState() {
            @Override
            public void write(DataOutputStream out) throws IOException {
                for (TrainingState p : parts) {
                    p.write(out);
                }
            }

            @Override
            public void read(DataInputStream in) throws IOException {
                for (TrainingState p : parts) {
                    p.read(in);
                }
            }
        };
    }
}
