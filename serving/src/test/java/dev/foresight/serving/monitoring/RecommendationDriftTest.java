package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.testing.OnlineRetail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped recommender's monitoring on real traffic: Online Retail visits (one request per
 * customer visit) against models/recommendation/1/profile.json, through the monitoring core with
 * the server's default settings (windows of 1,000 requests, alpha 1%, PSI above 0.25). Windows are
 * read every 100 requests once full.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationDriftTest {
    private static final MonitoringSettings DEFAULTS = MonitoringSettings.defaults();

    private OnlineRetail data;
    private ReferenceProfile profile;

    @BeforeAll
    void load() {
        data = OnlineRetail.load();
        profile = new DirectoryProfileSource(Path.of("../models")).find("recommendation", 1).orElseThrow();
    }

    private static InferRequest visit(long user) {
        return new InferRequest(null, List.of(new Tensor("user_id", Datatype.INT64, new long[] {1}, new long[] {user})),
                List.of());
    }

    /** The user_id scores of the window by count each time it has slid by {@code every} requests once full. */
    private List<FeatureDrift> windows(List<Long> users, MonitoringSettings settings, int every) {
        ModelMonitor monitor = ModelMonitor.shipped("recommendation", 1, profile, settings);
        List<FeatureDrift> windows = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            monitor.fold(visit(users.get(i)), List.of(), 0);
            if (i + 1 >= settings.windowRequests() && (i + 1) % every == 0) {
                windows.add(userId(monitor.report(0)));
            }
        }
        return windows;
    }

    /** The user_id scores of one window holding all of {@code users}. */
    private FeatureDrift whole(List<Long> users) {
        MonitoringSettings all = new MonitoringSettings(10 * users.size() + 10, DEFAULTS.windowDuration(), 10, 1000,
                DEFAULTS.alpha(), DEFAULTS.psiThreshold(), DEFAULTS.minObservations(), 4096, 1);
        ModelMonitor monitor = ModelMonitor.shipped("recommendation", 1, profile, all);
        users.forEach(user -> monitor.fold(visit(user), List.of(), 0));
        return userId(monitor.report(0));
    }

    private static FeatureDrift userId(MonitorReport report) {
        return report.windows().get(0).features().stream().filter(f -> f.tensor().equals("user_id")).findFirst().orElseThrow();
    }

    private static List<Long> users(List<OnlineRetail.Visit> visits) {
        return visits.stream().map(OnlineRetail.Visit::user).toList();
    }

    private static String summary(String what, List<FeatureDrift> windows) {
        return String.format("%s: %d windows, %d drifted, PSI %.3f-%.3f, KS / critical %.2f-%.2f, unseen %.3f-%.3f", what,
                windows.size(), windows.stream().filter(FeatureDrift::drifted).count(),
                windows.stream().mapToDouble(FeatureDrift::psi).min().orElse(0),
                windows.stream().mapToDouble(FeatureDrift::psi).max().orElse(0),
                windows.stream().mapToDouble(f -> f.ks() / f.ksThreshold()).min().orElse(0),
                windows.stream().mapToDouble(f -> f.ks() / f.ksThreshold()).max().orElse(0),
                windows.stream().mapToDouble(FeatureDrift::unseenShare).min().orElse(0),
                windows.stream().mapToDouble(FeatureDrift::unseenShare).max().orElse(0));
    }

    @Test
    void theProfileCountsTheTrainingVisitsOfEveryCustomer() {
        Map<String, Long> visits = new HashMap<>();
        data.training().forEach(v -> visits.merge(Long.toString(v.user()), 1L, Long::sum));
        CategoricalReference users = (CategoricalReference) profile.tensors().get(0).features().get(0).reference();
        assertEquals(visits, users.counts());
        assertEquals(data.training().size(), profile.tensors().get(0).observations());
    }

    @Test
    void replayingTheTrainingPeriodInTimeOrderStaysLow() {
        List<FeatureDrift> windows = windows(users(data.training()), DEFAULTS, 100);
        System.out.println(summary("training period replayed in time order", windows));
        assertTrue(windows.size() > 140, windows.size() + " windows");
        assertTrue(windows.stream().noneMatch(FeatureDrift::drifted), summary("training", windows));
        assertTrue(windows.stream().allMatch(f -> f.psi() < 0.1), summary("training", windows));
        assertTrue(windows.stream().allMatch(f -> f.unseenShare() == 0), "every training customer is known");
    }

    @Test
    void theHeldOutMonthDrifts() {
        List<FeatureDrift> windows = windows(users(data.heldOut()), DEFAULTS, 100);
        System.out.println(summary("held-out month (from 2011-11-09)", windows));
        assertTrue(windows.size() >= 17, windows.size() + " windows");
        assertTrue(windows.stream().allMatch(FeatureDrift::drifted), summary("held-out month", windows));
    }

    @Test
    void customersWhoseFirstPurchaseIsAfterTheSplitDrift() {
        Set<Long> known = data.trainingCustomers();
        List<Long> newcomers = users(data.heldOut()).stream().filter(u -> !known.contains(u)).toList();
        FeatureDrift window = whole(newcomers);
        System.out.println(summary("customers new after the split, " + newcomers.size() + " visits", List.of(window)));
        assertEquals(1.0, window.unseenShare());
        assertTrue(window.drifted(), window.toString());
    }

    @Test
    void theTopDecileOfCustomersByUnitsBoughtDrifts() {
        Map<Long, Long> units = new HashMap<>();
        data.training().forEach(v -> units.merge(v.user(), v.units(), Long::sum));
        Set<Long> top = units.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(units.size() / 10).map(Map.Entry::getKey).collect(Collectors.toSet());
        List<Long> visits = users(data.training()).stream().filter(top::contains).toList();
        List<FeatureDrift> windows = windows(visits, DEFAULTS, 100);
        System.out.println(summary("top decile by units bought, training period, " + visits.size() + " visits", windows));
        assertTrue(windows.stream().allMatch(FeatureDrift::drifted), summary("top decile", windows));
        assertEquals(0, windows.get(0).unseenShare(), "known customers: the shift is in who buys, not who is new");
    }

    @Test
    void theColdStartRateIsTheShareOfVisitsByCustomersWithoutATrainingPurchase() {
        List<OnlineRetail.Visit> month = data.heldOut();
        double expected = data.coldStartShare(month);
        FeatureDrift window = whole(users(month));
        System.out.printf("held-out month: %d visits, cold-start share %.4f from the data, %.4f monitored%n", month.size(),
                expected, window.unseenShare());
        assertEquals(month.size(), window.observations());
        assertEquals(expected, window.unseenShare(), 1e-12);
        assertTrue(expected > 0.1, "about one visit in eight is a new customer's: " + expected);
    }

    @Test
    void onDrawsFromTheReferenceTheAlarmFiresAtMostAlphaOfTheTime() {
        List<Long> reference = users(data.training());
        Random random = new Random(16);
        int windows = 500;
        List<Long> draws = new ArrayList<>();
        for (int i = 0; i < windows * DEFAULTS.windowRequests(); i++) {
            draws.add(reference.get(random.nextInt(reference.size())));
        }
        List<FeatureDrift> scored = windows(draws, DEFAULTS, DEFAULTS.windowRequests());
        assertEquals(windows, scored.size(), "disjoint windows of 1,000 draws");
        long alarms = scored.stream().filter(FeatureDrift::drifted).count();
        long ksAlone = scored.stream().filter(f -> f.ks() > f.ksThreshold()).count();
        System.out.printf("draws from the reference: %d windows of %d, drift flagged in %d, KS alone above its critical "
                + "value in %d, PSI %.4f-%.4f%n", windows, DEFAULTS.windowRequests(), alarms, ksAlone,
                scored.stream().mapToDouble(FeatureDrift::psi).min().orElse(0),
                scored.stream().mapToDouble(FeatureDrift::psi).max().orElse(0));
        assertTrue(alarms <= DEFAULTS.alpha() * windows, alarms + " alarms in " + windows + " windows");
        assertTrue(ksAlone <= DEFAULTS.alpha() * windows, ksAlone + " KS alarms in " + windows + " windows");
        assertFalse(scored.isEmpty());
    }
}
