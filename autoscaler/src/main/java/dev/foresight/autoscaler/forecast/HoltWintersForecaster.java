package dev.foresight.autoscaler.forecast;

/**
 * Holt-Winters exponential smoothing with a damped trend and a multiplicative season (additive
 * on {@code log(1 + load)}), whose season is found automatically by a {@link SeasonDetector}.
 *
 * <p>No "two full seasons" requirement: until a season is detected the model is Holt's damped
 * linear trend; when one is detected the seasonal profile is initialised from whatever history
 * is held (one cycle is enough, more are averaged) and refined as data arrives. The profile is
 * held in {@code 30 min} bins and interpolated linearly between bin centres, so a daily season
 * costs 48 numbers and a weekly one 336 whatever the step.
 */
public final class HoltWintersForecaster implements Forecaster {

    /**
     * Smoothing parameters.
     *
     * @param alpha level smoothing per step, in (0, 1]
     * @param beta  trend smoothing per step, in [0, 1]
     * @param gamma seasonal smoothing per season cycle, in [0, 1]
     * @param phi   trend damping per step, in (0, 1]
     */
    public record Parameters(double alpha, double beta, double gamma, double phi) {
        public Parameters {
            if (!(alpha > 0 && alpha <= 1) || !(beta >= 0 && beta <= 1)
                    || !(gamma >= 0 && gamma <= 1) || !(phi > 0 && phi <= 1)) {
                throw new IllegalArgumentException("Holt-Winters parameters out of range: alpha="
                        + alpha + " beta=" + beta + " gamma=" + gamma + " phi=" + phi);
            }
        }

        /** Defaults suited to 15 s steps of a load metric. */
        public static Parameters defaults() {
            return new Parameters(0.3, 0.05, 0.3, 0.98);
        }
    }

    private static final long BIN_SECONDS = 1800;
    private static final int BINS_HELD = (int) (5 * Season.WEEKLY.seconds() / BIN_SECONDS);

    private final long stepSeconds;
    private final long binSeconds;
    private final Parameters parameters;
    private final SeasonDetector detector = new SeasonDetector();

    private final double[] binMeans = new double[BINS_HELD];
    private final long[] binIndices = new long[BINS_HELD];
    private int binsHeld;
    private long currentBin = Long.MIN_VALUE;
    private double binSum;
    private int binCount;

    private Season season = Season.NONE;
    private double[] profile = new double[0];
    private long lastEpochSecond;
    private double level = Double.NaN;
    private double trend;

    public HoltWintersForecaster(long stepSeconds) {
        this(stepSeconds, Parameters.defaults());
    }

    public HoltWintersForecaster(long stepSeconds, Parameters parameters) {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepSeconds);
        }
        this.stepSeconds = stepSeconds;
        this.binSeconds = Math.max(BIN_SECONDS, stepSeconds);
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return "holt-winters";
    }

    /** The season the model currently uses. */
    public Season season() {
        return season;
    }

    @Override
    public void observe(long epochSecond, double value) {
        double z = Math.log1p(Math.max(0, value));
        detector.observe(epochSecond, value);
        if (detector.season() != season) {
            useSeason(detector.season(), epochSecond);
        }
        lastEpochSecond = epochSecond;
        double seasonal = seasonal(epochSecond);
        if (Double.isNaN(level)) {
            level = z - seasonal;
            trend = 0;
        } else {
            double previous = level;
            double alpha = parameters.alpha();
            double beta = parameters.beta();
            double phi = parameters.phi();
            level = alpha * (z - seasonal) + (1 - alpha) * (level + phi * trend);
            trend = beta * (level - previous) + (1 - beta) * phi * trend;
            if (profile.length > 0) {
                updateProfile(epochSecond, z - level - seasonal);
            }
        }
        addToBin(epochSecond, z);
    }

    @Override
    public double forecast(int stepsAhead) {
        if (Double.isNaN(level)) {
            return Double.NaN;
        }
        double phi = parameters.phi();
        double damped = 0;
        double factor = 1;
        for (int k = 1; k <= stepsAhead; k++) {
            factor *= phi;
            damped += factor;
        }
        double z = level + damped * trend + seasonal(lastEpochSecond + stepsAhead * stepSeconds);
        return Math.max(0, Math.expm1(z));
    }

    private double seasonal(long epochSecond) {
        int m = profile.length;
        if (m == 0) {
            return 0;
        }
        double position = (double) Math.floorMod(epochSecond, season.seconds()) / binSeconds - 0.5;
        int lower = (int) Math.floor(position);
        double fraction = position - lower;
        return (1 - fraction) * profile[Math.floorMod(lower, m)]
                + fraction * profile[Math.floorMod(lower + 1, m)];
    }

    private void updateProfile(long epochSecond, double error) {
        int m = profile.length;
        double gammaPerStep = parameters.gamma() * stepSeconds / binSeconds;
        double position = (double) Math.floorMod(epochSecond, season.seconds()) / binSeconds - 0.5;
        int lower = (int) Math.floor(position);
        double fraction = position - lower;
        profile[Math.floorMod(lower, m)] += gammaPerStep * (1 - fraction) * error;
        profile[Math.floorMod(lower + 1, m)] += gammaPerStep * fraction * error;
    }

    private void addToBin(long epochSecond, double z) {
        long bin = Math.floorDiv(epochSecond, binSeconds);
        if (bin != currentBin) {
            if (binCount > 0) {
                if (binsHeld == BINS_HELD) {
                    System.arraycopy(binMeans, 1, binMeans, 0, BINS_HELD - 1);
                    System.arraycopy(binIndices, 1, binIndices, 0, BINS_HELD - 1);
                    binsHeld--;
                }
                binMeans[binsHeld] = binSum / binCount;
                binIndices[binsHeld] = currentBin;
                binsHeld++;
                normaliseProfile();
            }
            currentBin = bin;
            binSum = 0;
            binCount = 0;
        }
        binSum += z;
        binCount++;
    }

    /** Keeps the profile centred on zero so that level and season do not drift apart. */
    private void normaliseProfile() {
        if (profile.length == 0) {
            return;
        }
        double mean = 0;
        for (double s : profile) {
            mean += s;
        }
        mean /= profile.length;
        for (int i = 0; i < profile.length; i++) {
            profile[i] -= mean;
        }
        level += mean;
    }

    /** Switches season, initialising the profile from the bins held (one cycle is enough). */
    private void useSeason(Season next, long epochSecond) {
        double before = Double.isNaN(level) ? Double.NaN : level + seasonal(epochSecond);
        season = next;
        if (next == Season.NONE) {
            profile = new double[0];
        } else {
            int m = (int) (next.seconds() / binSeconds);
            double[] sum = new double[m];
            int[] count = new int[m];
            // deviations of each bin from the mean of its own cycle, averaged over cycles
            int end = binsHeld;
            while (end > 0) {
                int start = Math.max(0, end - m);
                double cycleMean = 0;
                for (int i = start; i < end; i++) {
                    cycleMean += binMeans[i];
                }
                cycleMean /= end - start;
                if (end - start >= m / 2) {
                    for (int i = start; i < end; i++) {
                        int phase = (int) Math.floorMod(binIndices[i], (long) m);
                        sum[phase] += binMeans[i] - cycleMean;
                        count[phase]++;
                    }
                }
                end = start;
            }
            profile = new double[m];
            for (int j = 0; j < m; j++) {
                profile[j] = count[j] > 0 ? sum[j] / count[j] : 0;
            }
            double mean = 0;
            for (double s : profile) {
                mean += s;
            }
            mean /= m;
            for (int j = 0; j < m; j++) {
                profile[j] -= mean;
            }
        }
        if (!Double.isNaN(before)) {
            level = before - seasonal(epochSecond);
        }
    }
}
