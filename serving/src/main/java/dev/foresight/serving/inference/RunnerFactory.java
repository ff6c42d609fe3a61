package dev.foresight.serving.inference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides how the requests of a loaded version are run: alone on the shared
 * inference threads, or through a {@link DynamicBatcher} when the model's configuration asks for
 * batching and its inputs and outputs allow it.
 */
public final class RunnerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerFactory.class);

    private final InferenceExecutor executor;
    private final InferenceObserver observer;

    /**
     * @param executor the shared inference threads, for versions that do not batch
     * @param observer told of each batch a batcher computes
     */
    public RunnerFactory(InferenceExecutor executor, InferenceObserver observer) {
        this.executor = executor;
        this.observer = observer;
    }

    /**
     * A runner for {@code session}; the caller closes it before the session.
     *
     * @param model    the model's name, for thread names, metrics and messages
     * @param batching the model's batching settings
     */
    public ModelRunner create(String model, ModelSession session, BatchingSettings batching) {
        if (!batching.enabled()) {
            return new DirectRunner(session, executor);
        }
        if (!DynamicBatcher.canBatch(session.inputs(), session.outputs())) {
            LOG.warn("Model {}: dynamic_batching ignored: every input and output needs a dynamic first dimension", model);
            return new DirectRunner(session, executor);
        }
        return new DynamicBatcher(model, session, batching, observer);
    }
}
