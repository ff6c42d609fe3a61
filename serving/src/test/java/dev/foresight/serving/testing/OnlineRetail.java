package dev.foresight.serving.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The Online Retail purchases of {@code data/online-retail} as the recommender's traffic: one
 * request per visit (a distinct customer and purchase time), product lines only (stock codes that
 * start with a digit, as the model is trained), in time order; split where the model's training
 * ends.
 */
public final class OnlineRetail {
    /** The shipped recommender is trained on purchases before this instant. */
    public static final long CUTOFF = Instant.parse("2011-11-09T00:00:00Z").getEpochSecond();
    /** The data, from the serving module. */
    public static final Path PURCHASES = Path.of("../data/online-retail/purchases.csv.gz");

    /** A customer's visit: a distinct (customer, time) of product purchases; units bought in it. */
    public record Visit(long user, long epochSecond, long units) {
    }

    private final List<Visit> visits;

    private OnlineRetail(List<Visit> visits) {
        this.visits = visits;
    }

    public static OnlineRetail load() {
        Map<String, long[]> byKey = new HashMap<>();
        Set<String> order = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(PURCHASES)), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (!header.startsWith("user_id,item_id,timestamp,quantity")) {
                throw new IOException("unexpected header " + header);
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                if (!Character.isDigit(f[1].charAt(0))) {
                    continue;
                }
                String key = f[0] + "@" + f[2];
                order.add(key);
                byKey.computeIfAbsent(key, k -> new long[] {Long.parseLong(f[0]), Long.parseLong(f[2]), 0})[2] +=
                        Long.parseLong(f[3]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Visit> visits = new ArrayList<>();
        for (String key : order) {
            long[] v = byKey.get(key);
            visits.add(new Visit(v[0], v[1], v[2]));
        }
        visits.sort(Comparator.comparingLong(Visit::epochSecond).thenComparingLong(Visit::user));
        return new OnlineRetail(List.copyOf(visits));
    }

    /** Visits before the cutoff (what the model and its profile were made from), in time order. */
    public List<Visit> training() {
        return visits.stream().filter(v -> v.epochSecond() < CUTOFF).toList();
    }

    /** Visits from the cutoff on (the held-out month), in time order. */
    public List<Visit> heldOut() {
        return visits.stream().filter(v -> v.epochSecond() >= CUTOFF).toList();
    }

    /** Customers with a visit before the cutoff: the ones the model knows. */
    public Set<Long> trainingCustomers() {
        Set<Long> users = new java.util.HashSet<>();
        training().forEach(v -> users.add(v.user()));
        return users;
    }

    /** Share of {@code visits} made by customers without a training visit: the cold-start rate. */
    public double coldStartShare(List<Visit> visits) {
        Set<Long> known = trainingCustomers();
        return (double) visits.stream().filter(v -> !known.contains(v.user())).count() / visits.size();
    }
}
