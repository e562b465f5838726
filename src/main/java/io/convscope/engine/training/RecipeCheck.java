package io.convscope.engine.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The recipe a checkpoint was trained with, written before the optimiser's state: a resume with another optimiser or
 * schedule would read moments it does not understand, so it is refused with a sentence naming both recipes.
 */
record RecipeCheck(String recipe) implements TrainingState {

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeUTF(recipe);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        String saved = in.readUTF();
        if (!saved.equals(recipe)) {
            throw new IOException("the checkpoint was trained with " + saved + ", not " + recipe
                    + "; resume with the same options or train without --resume");
        }
    }
}
