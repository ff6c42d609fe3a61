package dev.foresight.autoscaler.forecast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * A linear regression, trained with Tribuo's SGD trainer, that predicts the change of
 * {@code log(1 + load)} over a fixed horizon from lagged changes, the change one day and one week
 * ago over the same horizon, and calendar features (hour of day, day of week).
 *
 * <p>Training samples are collected as the series arrives (one every {@code sampleEvery} steps,
 * the most recent {@code maxSamples} kept) and the model is retrained every
 * {@code retrainEvery} steps, so it only ever learns from the past. Until the first model exists
 * it forecasts persistence. Forecasts for other horizons scale the predicted change linearly.
 */
public final class RegressionForecaster implements Forecaster {

    /**
     * @param horizonSteps the horizon the model is trained for
     * @param sampleEvery  keep one training sample every this many steps
     * @param maxSamples   training window, in samples
     * @param minSamples   samples needed before the first training
     * @param retrainEvery steps between trainings
     * @param epochs       SGD epochs per training
     */
    public record Settings(int horizonSteps, int sampleEvery, int maxSamples, int minSamples,
                           int retrainEvery, int epochs) {
        public Settings {
            if (horizonSteps < 1 || sampleEvery < 1 || maxSamples < minSamples || minSamples < 2
                    || retrainEvery < 1 || epochs < 1) {
                throw new IllegalArgumentException("invalid regression settings");
            }
        }

        /**
         * For 15 s steps: a sample every two minutes, four days of samples, first training after
         * eight hours, retrained once a day.
         */
        public static Settings forHorizon(int horizonSteps) {
            return new Settings(horizonSteps, 8, 4 * 24 * 30, 240, 24 * 60 * 4, 3);
        }
    }

    private static final int[] LAGS = {1, 2, 4, 8, 20, 40, 120};
    private static final String[] FEATURES = {
        "lag1", "lag2", "lag4", "lag8", "lag20", "lag40", "lag120",
        "dayChange", "dayKnown", "weekChange", "weekKnown",
        "hourSin", "hourCos", "weekdaySin", "weekdayCos"};

    private final long stepSeconds;
    private final Settings settings;
    private final int daySteps;
    private final int weekSteps;
    private final StepHistory history;
    private final double[][] samples;
    private final double[] targets;
    private int sampleCount;
    private int sampleNext;
    private long steps;
    private long lastEpochSecond;
    private long stepsSinceTraining;
    private final Logger tribuoLogger = Logger.getLogger("org.tribuo");
    private LinearSGDModel model;
    private double[] weights;
    private double bias;
    private double cachedChange = Double.NaN;

    public RegressionForecaster(long stepSeconds, Settings settings) {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepSeconds);
        }
        this.stepSeconds = stepSeconds;
        this.settings = settings;
        this.daySteps = (int) (Season.DAILY.seconds() / stepSeconds);
        this.weekSteps = (int) (Season.WEEKLY.seconds() / stepSeconds);
        this.history = new StepHistory(weekSteps + settings.horizonSteps() + LAGS[LAGS.length - 1] + 2);
        this.samples = new double[settings.maxSamples()][];
        this.targets = new double[settings.maxSamples()];
        tribuoLogger.setLevel(Level.WARNING);
    }

    @Override
    public String name() {
        return "regression";
    }

    /** Whether a trained model is in use (otherwise the forecast is persistence). */
    public boolean trained() {
        return model != null;
    }

    @Override
    public void observe(long epochSecond, double value) {
        history.add(Math.log1p(Math.max(0, value)));
        lastEpochSecond = epochSecond;
        steps++;
        stepsSinceTraining++;
        cachedChange = Double.NaN;
        int h = settings.horizonSteps();
        if (steps % settings.sampleEvery() == 0 && history.has(h + LAGS[LAGS.length - 1])) {
            double[] x = features(h, epochSecond - h * stepSeconds);
            samples[sampleNext] = x;
            targets[sampleNext] = history.get(0) - history.get(h);
            sampleNext = (sampleNext + 1) % samples.length;
            sampleCount = Math.min(sampleCount + 1, samples.length);
        }
        if (sampleCount >= settings.minSamples()
                && (model == null || stepsSinceTraining >= settings.retrainEvery())) {
            train();
        }
    }

    @Override
    public double forecast(int stepsAhead) {
        if (history.count() == 0) {
            return Double.NaN;
        }
        double z = history.get(0);
        if (model == null || !history.has(LAGS[LAGS.length - 1])) {
            return Math.expm1(z);
        }
        if (Double.isNaN(cachedChange)) {
            cachedChange = predictChange(features(0, lastEpochSecond));
        }
        double change = cachedChange * stepsAhead / settings.horizonSteps();
        return Math.max(0, Math.expm1(z + change));
    }

    /**
     * The trained model's prediction, computed from its weights (the same value as
     * {@code model.predict}, without allocating an example per tick).
     */
    double predictChange(double[] x) {
        double y = bias;
        for (int i = 0; i < x.length; i++) {
            y += weights[i] * x[i];
        }
        return y;
    }

    /** Tribuo's own prediction for the current state, for checking {@link #predictChange}. */
    double tribuoPrediction() {
        ArrayExample<Regressor> example =
                new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, FEATURES, currentFeatures());
        return model.predict(example).getOutput().getValues()[0];
    }

    double[] currentFeatures() {
        return features(0, lastEpochSecond);
    }

    /** Features of the state {@code offset} steps before the latest observation. */
    private double[] features(int offset, long epochSecond) {
        double[] x = new double[FEATURES.length];
        double z = history.get(offset);
        for (int i = 0; i < LAGS.length; i++) {
            x[i] = z - history.get(offset + LAGS[i]);
        }
        int h = settings.horizonSteps();
        int dayBack = offset + daySteps - h;
        if (history.has(offset + daySteps) && dayBack >= 0) {
            x[7] = history.get(dayBack) - history.get(offset + daySteps);
            x[8] = 1;
        }
        int weekBack = offset + weekSteps - h;
        if (history.has(offset + weekSteps) && weekBack >= 0) {
            x[9] = history.get(weekBack) - history.get(offset + weekSteps);
            x[10] = 1;
        }
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
        double hour = t.getHour() + t.getMinute() / 60.0;
        double weekday = t.getDayOfWeek().getValue() - 1 + hour / 24;
        x[11] = Math.sin(2 * Math.PI * hour / 24);
        x[12] = Math.cos(2 * Math.PI * hour / 24);
        x[13] = Math.sin(2 * Math.PI * weekday / 7);
        x[14] = Math.cos(2 * Math.PI * weekday / 7);
        return x;
    }

    private void train() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("load history", factory), factory);
        for (int i = 0; i < sampleCount; i++) {
            data.add(new ArrayExample<>(new Regressor("change", targets[i]), FEATURES, samples[i]));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(
                new SquaredLoss(), new AdaGrad(0.05, 0.1), settings.epochs(), -1, 1, 1L);
        model = trainer.train(data);
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        weights = new double[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            int id = ids.getID(FEATURES[i]);
            weights[i] = id >= 0 ? w.get(0, id) : 0;
        }
        bias = w.get(0, w.getDimension2Size() - 1);
        stepsSinceTraining = 0;
        cachedChange = Double.NaN;
    }
}
