package dev.foresight.serving.monitoring;

import java.time.Duration;
import java.util.List;

/**
 * A sliding window as a ring of panes: requests are counted into the newest pane, and the window
 * is the sum of all panes. The oldest pane is emptied and reused when the newest one is full
 * ({@link #byCount}: the window holds between {@code capacity - capacity / panes} and
 * {@code capacity} requests) or when its time is up ({@link #byTime}: the window covers between
 * {@code span - span / panes} and {@code span}). Memory is fixed: {@code panes} sketches of each
 * feature. Not thread-safe.
 */
final class SlidingWindow {
    private final String name;
    private final Pane[] panes;
    private final long paneRequests;
    private final long paneNanos;
    private final long span;
    private int newest;
    /** For a window by time: the index (time / paneNanos) of the newest pane. */
    private long newestSlot = Long.MIN_VALUE;

    private SlidingWindow(String name, List<FeatureReference> references, int panes, long paneRequests,
                          long paneNanos, long span) {
        this.name = name;
        this.panes = new Pane[panes];
        for (int i = 0; i < panes; i++) {
            this.panes[i] = new Pane(references);
        }
        this.paneRequests = paneRequests;
        this.paneNanos = paneNanos;
        this.span = span;
    }

    /** A window of about the last {@code capacity} requests, in {@code panes} panes. */
    static SlidingWindow byCount(List<FeatureReference> references, int panes, long capacity) {
        return new SlidingWindow("count", references, panes, Math.max(1, capacity / panes), 0, capacity);
    }

    /** A window of about the last {@code span} of time, in {@code panes} panes. */
    static SlidingWindow byTime(List<FeatureReference> references, int panes, Duration span) {
        return new SlidingWindow("time", references, panes, 0, Math.max(1, span.toNanos() / panes), span.toSeconds());
    }

    /** "count" or "time". */
    String name() {
        return name;
    }

    /** Requests the window holds when full (by count), or its length in seconds (by time). */
    long span() {
        return span;
    }

    /** The pane to count a request made at {@code nanos} into, after sliding the window. */
    Pane paneFor(long nanos) {
        if (paneNanos > 0) {
            slide(nanos);
        } else if (panes[newest].requests >= paneRequests) {
            newest = (newest + 1) % panes.length;
            panes[newest].clear();
        }
        return panes[newest];
    }

    /** Fills {@code total} (cleared first) with the sum of the panes at {@code nanos}. */
    void sum(long nanos, Pane total) {
        if (paneNanos > 0) {
            slide(nanos);
        }
        total.clear();
        for (Pane pane : panes) {
            pane.addTo(total);
        }
    }

    private void slide(long nanos) {
        long slot = Math.floorDiv(nanos, paneNanos);
        if (newestSlot == Long.MIN_VALUE) {
            newestSlot = slot;
            return;
        }
        long steps = Math.min(slot - newestSlot, panes.length);
        for (long i = 0; i < steps; i++) {
            newest = (newest + 1) % panes.length;
            panes[newest].clear();
        }
        newestSlot = Math.max(newestSlot, slot);
    }

    long bytes() {
        long bytes = 64;
        for (Pane pane : panes) {
            bytes += pane.bytes();
        }
        return bytes;
    }
}
