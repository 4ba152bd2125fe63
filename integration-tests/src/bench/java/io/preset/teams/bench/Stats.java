package io.preset.teams.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples (milliseconds) of one measurement, summarized as median, p90, min-max and IQR. */
final class Stats {

    final String name;
    private final List<Double> samples = new ArrayList<>();

    Stats(String name) {
        this.name = name;
    }

    void add(double millis) {
        samples.add(millis);
    }

    int n() {
        return samples.size();
    }

    double median() {
        return pct(50);
    }

    double p90() {
        return pct(90);
    }

    double min() {
        return pct(0);
    }

    double max() {
        return pct(100);
    }

    double iqr() {
        return pct(75) - pct(25);
    }

    /** Nearest-rank percentile. */
    double pct(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** One Markdown table row: name | n | median | p90 | min–max | IQR. */
    String row() {
        return String.format("| %s | %d | %s | %s | %s–%s | %s |", name, n(), f(median()), f(p90()), f(min()), f(max()), f(iqr()));
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
