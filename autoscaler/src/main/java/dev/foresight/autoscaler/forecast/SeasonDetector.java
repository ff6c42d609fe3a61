package dev.foresight.autoscaler.forecast;

/**
 * Finds a daily or weekly season by autocorrelation of hourly means.
 *
 * <p>The series is averaged per UTC hour; when an hour completes, the autocorrelation at lags
 * 24 h and 168 h is computed over the last {@value #MAX_HOURS} hours. A lag is only considered
 * once two full cycles are held (48 h for daily, 336 h for weekly), so a short history yields
 * {@link Season#NONE} or {@link Season#DAILY} instead of a failure: callers keep working and gain
 * the season when the data allows. Weekly wins over daily only when it explains clearly more.
 * Not thread-safe.
 */
public final class SeasonDetector {
    static final int MAX_HOURS = 5 * 168;
    private static final double MIN_CORRELATION = 0.3;
    private static final double WEEKLY_MARGIN = 0.05;

    private final double[] hourly = new double[MAX_HOURS];
    private int hours;
    private long currentHour = Long.MIN_VALUE;
    private double sum;
    private int n;
    private Season season = Season.NONE;
    private double dailyCorrelation = Double.NaN;
    private double weeklyCorrelation = Double.NaN;

    /** Feed one observation; re-detects when an hour completes. */
    public void observe(long epochSecond, double value) {
        long hour = Math.floorDiv(epochSecond, 3600);
        if (hour != currentHour) {
            if (n > 0) {
                long missing = currentHour == Long.MIN_VALUE ? 0 : hour - currentHour - 1;
                double mean = sum / n;
                push(mean);
                for (long i = 0; i < Math.min(missing, MAX_HOURS); i++) {
                    push(mean);
                }
                detect();
            }
            currentHour = hour;
            sum = 0;
            n = 0;
        }
        sum += value;
        n++;
    }

    /** The season found so far ({@link Season#NONE} until two daily cycles are held). */
    public Season season() {
        return season;
    }

    /** Autocorrelation at 24 h at the last detection (NaN before 48 h). */
    public double dailyCorrelation() {
        return dailyCorrelation;
    }

    /** Autocorrelation at 168 h at the last detection (NaN before 336 h). */
    public double weeklyCorrelation() {
        return weeklyCorrelation;
    }

    /** Completed hours held, capped at {@value #MAX_HOURS}. */
    public int hoursHeld() {
        return hours;
    }

    private void push(double mean) {
        if (hours == MAX_HOURS) {
            System.arraycopy(hourly, 1, hourly, 0, MAX_HOURS - 1);
            hours--;
        }
        hourly[hours++] = mean;
    }

    private void detect() {
        dailyCorrelation = hours >= 48 ? autocorrelation(24) : Double.NaN;
        weeklyCorrelation = hours >= 336 ? autocorrelation(168) : Double.NaN;
        boolean daily = dailyCorrelation > MIN_CORRELATION;
        boolean weekly = weeklyCorrelation > MIN_CORRELATION
                && (!daily || weeklyCorrelation > dailyCorrelation + WEEKLY_MARGIN);
        season = weekly ? Season.WEEKLY : daily ? Season.DAILY : Season.NONE;
    }

    private double autocorrelation(int lag) {
        double mean = 0;
        for (int i = 0; i < hours; i++) {
            mean += hourly[i];
        }
        mean /= hours;
        double denominator = 0;
        for (int i = 0; i < hours; i++) {
            double d = hourly[i] - mean;
            denominator += d * d;
        }
        if (denominator == 0) {
            return 0;
        }
        double numerator = 0;
        for (int i = 0; i + lag < hours; i++) {
            numerator += (hourly[i] - mean) * (hourly[i + lag] - mean);
        }
        return numerator / denominator;
    }
}
