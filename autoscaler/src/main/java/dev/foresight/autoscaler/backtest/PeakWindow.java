package dev.foresight.autoscaler.backtest;

import java.util.Arrays;

/**
 * Keeps, at full tick resolution, the series around the highest load of the run: {@code half}
 * ticks either side of it. Uses a ring of the last {@code 2 * half + 1} ticks and copies it
 * once the peak is {@code half} ticks old, so memory stays fixed however long the trace is.
 */
final class PeakWindow {
    private final int half;
    private final int size;
    private final int columns;
    private final double[][] ring;
    private double peak = Double.NEGATIVE_INFINITY;
    private long peakTick = -1;
    private long ticks;
    private double[][] snapshot;
    private long snapshotFirstTick;
    private boolean pending;

    /** @param columns values recorded per tick; column 0 is the load */
    PeakWindow(int half, int columns) {
        this.half = half;
        this.size = 2 * half + 1;
        this.columns = columns;
        this.ring = new double[columns][size];
    }

    void add(double[] values) {
        int slot = (int) (ticks % size);
        for (int c = 0; c < columns; c++) {
            ring[c][slot] = values[c];
        }
        if (values[0] > peak) {
            peak = values[0];
            peakTick = ticks;
            pending = true;
        }
        if (pending && ticks == peakTick + half) {
            copy();
        }
        ticks++;
    }

    private void copy() {
        long last = ticks;
        long first = Math.max(0, last - size + 1);
        int n = (int) (last - first + 1);
        snapshot = new double[columns][n];
        for (int c = 0; c < columns; c++) {
            for (int i = 0; i < n; i++) {
                snapshot[c][i] = ring[c][(int) ((first + i) % size)];
            }
        }
        snapshotFirstTick = first;
        pending = false;
    }

    /** Column {@code c} of the window around the peak. */
    double[] column(int c) {
        finish();
        return snapshot == null ? new double[0] : Arrays.copyOf(snapshot[c], snapshot[c].length);
    }

    /** Tick number of the window's first value. */
    long firstTick() {
        finish();
        return snapshotFirstTick;
    }

    private void finish() {
        if (pending && ticks > 0) {
            ticks--;
            copy();
            ticks++;
        }
    }
}
