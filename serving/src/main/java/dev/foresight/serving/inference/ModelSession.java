package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.List;
import java.util.Map;

/**
 * One loaded model file, ready to compute. Implementations are thread-safe: {@link #run} may be
 * called from many threads at once. The creator owns the session and closes it exactly once,
 * after the last {@link #run} has returned; native memory is freed on {@link #close()}.
 */
public interface ModelSession extends AutoCloseable {

    /** The inputs the graph declares, in graph order; -1 marks a dynamic dimension. */
    List<TensorSpec> inputs();

    /** The tensor outputs the graph declares, in graph order. */
    List<TensorSpec> outputs();

    /**
     * Runs the graph.
     *
     * @param inputs  one tensor per declared input, already checked against {@link #inputs()}
     * @param outputs names of the outputs to compute, a subset of {@link #outputs()}
     * @return the requested outputs in the order of {@code outputs}
     * @throws InferenceFailedException when the runtime rejects the input or fails
     */
    List<Tensor> run(Map<String, Tensor> inputs, List<String> outputs);

    @Override
    void close();
}
