package io.convscope;

import io.convscope.cli.ConvScopeCommand;
import io.convscope.ui.ConvScopeApp;

/**
 * Plain main class (not a JavaFX Application), so the non-modular jar starts with JavaFX on the class path.
 * No arguments opens the window; anything else is a CLI command.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            ConvScopeApp.launchApp(args);
        } else {
            System.exit(ConvScopeCommand.execute(args));
        }
    }
}
