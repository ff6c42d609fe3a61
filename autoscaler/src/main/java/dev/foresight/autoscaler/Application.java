package dev.foresight.autoscaler;

import dev.foresight.autoscaler.backtest.BacktestCommand;
import dev.foresight.autoscaler.live.LiveServer;
import java.util.Arrays;

/**
 * Entry point of the autoscaler jar: a small dispatcher. No arguments start the live autoscaler
 * (Micronaut, see {@link dev.foresight.autoscaler.live}); {@code backtest ...} runs the offline
 * backtest without starting any framework; anything else prints usage.
 */
public final class Application {
    private static final String USAGE = """
            usage: java -jar foresight-autoscaler.jar            (the live autoscaler)
                   java -jar foresight-autoscaler.jar backtest --trace FILE --capacity C [options]
                   (backtest --help for the options)
            """;

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            LiveServer.run(args);
            return;
        }
        if (args.length > 0 && args[0].equals("backtest")) {
            int code = new BacktestCommand(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length));
            System.exit(code);
        }
        System.err.print(USAGE);
        System.exit(2);
    }
}
