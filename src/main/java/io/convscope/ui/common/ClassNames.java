package io.convscope.ui.common;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Class names as the student reads them: a model's classes are data, but the bundled Tiny VGG's ten are translated
 * ({@code class.<name>} keys); any other name shows as the model gives it.
 */
public final class ClassNames {

    private ClassNames() {}

    public static String display(ResourceBundle text, String className) {
        String key = "class." + className.toLowerCase(Locale.ROOT).replace(' ', '-');
        return text.containsKey(key) ? text.getString(key) : className;
    }
}
