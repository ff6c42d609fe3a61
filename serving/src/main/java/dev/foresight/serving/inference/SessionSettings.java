package dev.foresight.serving.inference;

/**
 * ONNX Runtime session options.
 *
 * @param intraOpThreads threads one operator may use (ORT's intra_op_num_threads); 1 keeps a
 *                       request on one core, which serves many concurrent requests best
 * @param interOpThreads threads for running independent operators in parallel
 * @param optimizationLevel ORT graph optimisation level: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, String optimizationLevel) {
    public static final SessionSettings DEFAULT = new SessionSettings(1, 1, "ALL_OPT");

    public SessionSettings {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (!java.util.Set.of("NO_OPT", "BASIC_OPT", "EXTENDED_OPT", "ALL_OPT").contains(optimizationLevel)) {
            throw new IllegalArgumentException("unknown optimization level " + optimizationLevel
                    + ", expected NO_OPT, BASIC_OPT, EXTENDED_OPT or ALL_OPT");
        }
    }
}
