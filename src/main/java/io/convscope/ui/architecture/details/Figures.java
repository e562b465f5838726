package io.convscope.ui.architecture.details;

import java.util.ResourceBundle;

/** Human-readable counts (12.3 M) and byte sizes (4.5 MB) with translated units; exact values go in tooltips. */
public final class Figures {

    private static final double THOUSAND = 1e3;
    private static final double KIBI = 1024;

    private final ResourceBundle text;

    public Figures(ResourceBundle text) {
        this.text = text;
    }

    public String count(long n) {
        if (n >= THOUSAND * THOUSAND * THOUSAND) {
            return String.format(text.getString("architecture.unit.billion"), n / 1e9);
        }
        if (n >= THOUSAND * THOUSAND) {
            return String.format(text.getString("architecture.unit.million"), n / 1e6);
        }
        if (n >= 10 * THOUSAND) {
            return String.format(text.getString("architecture.unit.thousand"), n / 1e3);
        }
        return String.format("%,d", n);
    }

    public String bytes(long n) {
        if (n >= KIBI * KIBI * KIBI) {
            return String.format(text.getString("architecture.unit.gigabytes"), n / (KIBI * KIBI * KIBI));
        }
        if (n >= KIBI * KIBI) {
            return String.format(text.getString("architecture.unit.megabytes"), n / (KIBI * KIBI));
        }
        if (n >= KIBI) {
            return String.format(text.getString("architecture.unit.kilobytes"), n / KIBI);
        }
        return String.format(text.getString("architecture.unit.bytes"), n);
    }

    String exactBytes(long n) {
        return String.format(text.getString("architecture.bytes.exact"), n);
    }
}
