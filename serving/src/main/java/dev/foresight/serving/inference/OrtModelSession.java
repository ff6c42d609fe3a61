package dev.foresight.serving.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.foresight.serving.inference.graph.DivisionGuard;
import dev.foresight.serving.inference.graph.ElementTypes;
import dev.foresight.serving.inference.graph.RewrittenModel;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ModelSession} on an ONNX Runtime session of a model as {@link
 * dev.foresight.serving.inference.graph.GraphRewriter} prepared it: it lists and takes inputs the
 * way clients see them (optional inputs, unsigned inputs under their own name and type), feeds
 * the defaults of optional inputs a request leaves out, and after each run refuses the answer
 * when a division guard counted an element that would have trapped.
 *
 * <p>Closing it closes {@code owner} (the DJL model that created the session), which closes the
 * session and frees its native memory. Input and output tensors of a call are created and closed
 * within the call, inputs in the calling thread's {@link InputScratch}; defaults of optional
 * inputs live as long as the session.
 */
final class OrtModelSession implements ModelSession {
    private final OrtSession session;
    private final AutoCloseable owner;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    /** The runtime's name of each input it takes under another name than clients do. */
    private final Map<String, String> runtimeNames = new HashMap<>();
    private final List<DivisionGuard> guards;
    /** Values of the optional inputs a request leaves out, by runtime name: made once, shared by all calls (ORT only reads inputs). */
    private final Map<String, OnnxTensor> defaultTensors = new HashMap<>();

    /**
     * @throws ModelLoadException when the graph has an input or output the protocol cannot carry
     *                            (the session is closed then)
     */
    OrtModelSession(OrtSession session, AutoCloseable owner, RewrittenModel rewritten) {
        this.session = session;
        this.owner = owner;
        this.guards = rewritten.guards();
        try {
            rewritten.retypedInputs().forEach((runtimeName, retyped) -> runtimeNames.put(retyped.name(), runtimeName));
            for (Tensor fallback : rewritten.defaults().values()) {
                defaultTensors.put(runtimeName(fallback.name()), OrtTypes.toOnnx(environment, fallback));
            }
            List<TensorSpec> all = new ArrayList<>();
            for (TensorSpec spec : specs(session.getInputInfo(), "input")) {
                RewrittenModel.RetypedInput retyped = rewritten.retypedInputs().get(spec.name());
                TensorSpec seen = retyped == null ? spec : new TensorSpec(retyped.name(), retyped.datatype(), spec.shape());
                if (!rewritten.defaults().containsKey(seen.name())) {
                    all.add(seen);
                }
            }
            all.addAll(rewritten.optionalInputs());
            this.inputs = List.copyOf(all);
            Set<String> hidden = new java.util.HashSet<>();
            guards.forEach(guard -> hidden.add(guard.output()));
            this.outputs = specs(session.getOutputInfo(), "output").stream()
                    .filter(spec -> !hidden.contains(spec.name())).toList();
        } catch (OrtException | RuntimeException e) {
            close();
            throw e instanceof ModelLoadException load ? load
                    : new ModelLoadException("cannot read the graph's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** The specs of the runtime's inputs or outputs, each of a type the protocol carries. */
    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes, String kind) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new ModelLoadException(kind + " '" + node.getName() + "' is a " + node.getInfo()
                        + ", not a tensor; the Open Inference Protocol carries only tensors", null);
            }
            specs.add(new TensorSpec(node.getName(), OrtTypes.toDatatype(info.onnxType).orElseThrow(() ->
                    new ModelLoadException(kind + " '" + node.getName() + "' has element type "
                            + ElementTypes.name(info.onnxType.value) + ", which the Open Inference Protocol cannot carry",
                            null)), info.getShape().clone()));
        }
        return List.copyOf(specs);
    }

    private String runtimeName(String input) {
        return runtimeNames.isEmpty() ? input : runtimeNames.getOrDefault(input, input);
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public List<Tensor> run(Map<String, Tensor> request, List<String> outputNames) {
        Map<String, OnnxTensor> feed = new HashMap<>((request.size() + defaultTensors.size()) * 2);
        List<OnnxTensor> created = new ArrayList<>(request.size());
        try {
            InputScratch scratch = InputScratch.forCall();
            for (Tensor tensor : request.values()) {
                OnnxTensor input = OrtTypes.toOnnx(environment, tensor, scratch);
                created.add(input);
                feed.put(runtimeName(tensor.name()), input);
            }
            defaultTensors.forEach(feed::putIfAbsent);
            List<DivisionGuard> checked = guardsFor(outputNames);
            Set<String> fetched = new LinkedHashSet<>(outputNames);
            checked.forEach(guard -> fetched.add(guard.output()));
            try (OrtSession.Result result = session.run(feed, fetched)) {
                for (DivisionGuard guard : checked) {
                    if (tripped((OnnxTensor) result.get(guard.output()).orElseThrow())) {
                        throw new InferenceFailedException(cause(guard, feed), null);
                    }
                }
                List<Tensor> answer = new ArrayList<>(outputNames.size());
                for (String name : outputNames) {
                    OnnxValue value = result.get(name).orElseThrow(() ->
                            new InferenceFailedException("the runtime returned no output '" + name + "'", null));
                    answer.add(OrtTypes.fromOnnx(name, (OnnxTensor) value));
                }
                return answer;
            }
        } catch (OrtException e) {
            throw new InferenceFailedException(e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    /**
     * Which of a tripped guard's causes it was: asked of the runtime again, with the same inputs,
     * only now (a refused request), so that an ordinary run fetches one count per guarded node.
     */
    private String cause(DivisionGuard guard, Map<String, OnnxTensor> feed) throws OrtException {
        if (guard.causes().size() > 1) {
            Set<String> outputs = new LinkedHashSet<>();
            guard.causes().forEach(cause -> outputs.add(cause.output()));
            try (OrtSession.Result result = session.run(feed, outputs)) {
                for (DivisionGuard.Cause cause : guard.causes()) {
                    if (tripped((OnnxTensor) result.get(cause.output()).orElseThrow())) {
                        return cause.message();
                    }
                }
            }
        }
        return guard.message();
    }

    /** Whether a guard's output marks an element: a count above zero, or a true in a BOOL tensor. */
    private static boolean tripped(OnnxTensor marks) throws OrtException {
        if (marks.getInfo().isScalar() && marks.getValue() instanceof Long count) {
            return count > 0; // no buffer copy: this is read on every run
        }
        if (marks.getInfo().type == ai.onnxruntime.OnnxJavaType.BOOL) {
            java.nio.ByteBuffer flags = marks.getByteBuffer();
            while (flags.hasRemaining()) {
                if (flags.get() != 0) {
                    return true;
                }
            }
            return false;
        }
        return marks.getLongBuffer().get(0) > 0;
    }

    /** The guards of the divisions that the requested outputs are computed from. */
    private List<DivisionGuard> guardsFor(List<String> outputNames) {
        if (guards.isEmpty()) {
            return guards;
        }
        List<DivisionGuard> checked = new ArrayList<>(guards.size());
        for (DivisionGuard guard : guards) {
            if (outputNames.stream().anyMatch(guard.feeds()::contains)) {
                checked.add(guard);
            }
        }
        return checked;
    }

    @Override
    public void close() {
        defaultTensors.values().forEach(OnnxTensor::close);
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed", e);
        }
    }
}
