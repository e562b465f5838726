package io.convscope.ui.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the app remembers between runs: window bounds, theme, display choices and recent images. */
public final class AppSettings {

    static final int MAX_RECENT = 8;
    private static final String RECENT_SEPARATOR = "\n";

    private final Preferences prefs;

    AppSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static AppSettings user() {
        // Tests point this at their own node so they never touch a student's saved settings.
        return new AppSettings(Preferences.userRoot().node(System.getProperty("convscope.settings", "io/convscope")));
    }

    public record Bounds(double x, double y, double width, double height) {}

    public Bounds windowBounds(double defaultWidth, double defaultHeight) {
        return new Bounds(
                prefs.getDouble("window.x", Double.NaN),
                prefs.getDouble("window.y", Double.NaN),
                prefs.getDouble("window.width", defaultWidth),
                prefs.getDouble("window.height", defaultHeight));
    }

    public void windowBounds(Bounds b) {
        prefs.putDouble("window.x", b.x());
        prefs.putDouble("window.y", b.y());
        prefs.putDouble("window.width", b.width());
        prefs.putDouble("window.height", b.height());
    }

    /** "light", "dark" or "system". */
    /** "en", "zh", or "" to follow the OS. */
    public String language() {
        return prefs.get("language", "");
    }

    public void language(String tag) {
        prefs.put("language", tag);
    }

    public boolean learnOpen() {
        return prefs.getBoolean("learn.open", false);
    }

    public void learnOpen(boolean open) {
        prefs.putBoolean("learn.open", open);
    }

    public String theme() {
        return prefs.get("theme", "system");
    }

    public void theme(String theme) {
        prefs.put("theme", theme);
    }

    public boolean showDetails() {
        return prefs.getBoolean("details", true);
    }

    public void showDetails(boolean on) {
        prefs.putBoolean("details", on);
    }

    public String rangeMode() {
        return prefs.get("rangeMode", "UNIT");
    }

    public void rangeMode(String mode) {
        prefs.put("rangeMode", mode);
    }

    /** Recent images that still exist, newest first. */
    public List<Path> recentImages() {
        List<Path> out = new ArrayList<>();
        for (String s : prefs.get("recent", "").split(RECENT_SEPARATOR)) {
            if (!s.isBlank() && Files.isRegularFile(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    public void addRecent(Path image) {
        List<Path> list = new ArrayList<>(recentImages());
        Path abs = image.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        List<String> kept = list.stream().limit(MAX_RECENT).map(Path::toString).toList();
        prefs.put("recent", String.join(RECENT_SEPARATOR, kept));
    }

    /** Whether the student has ever chosen a neuron (the first-steps hint is then no longer shown). */
    public boolean neuronChosen() {
        return prefs.getBoolean("hint.neuronChosen", false);
    }

    public void neuronChosen(boolean chosen) {
        prefs.putBoolean("hint.neuronChosen", chosen);
    }

    public void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience; losing them must never stop the app.
        }
    }
}
