package dev.foresight.autoscaler.backtest;

import java.util.ArrayList;
import java.util.List;

/** Keeps timeline rows in memory for assertions. */
final class Recorder implements TimelineSink {
    record Row(double time, String policy, double load, int requested, int ready, double forecast) {
    }

    final List<Row> rows = new ArrayList<>();

    @Override
    public void row(double epochSeconds, String policy, double load, int requested, int ready, double forecast) {
        rows.add(new Row(epochSeconds, policy, load, requested, ready, forecast));
    }

    List<Row> of(String policy) {
        return rows.stream().filter(r -> r.policy().equals(policy)).toList();
    }
}
