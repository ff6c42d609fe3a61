package dev.foresight.serving.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelSession} on an ONNX Runtime session. Closing it closes {@code owner} (the DJL
 * model that created the session), which closes the session and frees its native memory.
 * Input and output tensors of a call are created and closed within the call, inputs in the
 * calling thread's {@link InputScratch}; defaults of optional inputs live as long as the session.
 */
final class OrtModelSession implements ModelSession {
    private final OrtSession session;
    private final AutoCloseable owner;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    /** Values of the optional inputs a request leaves out: made once, shared by all calls (ORT only reads inputs). */
    private final Map<String, OnnxTensor> defaultTensors = new HashMap<>();

    /**
     * @param optional the graph's optional inputs (already turned into required ones for ORT), or null
     */
    OrtModelSession(OrtSession session, AutoCloseable owner, OptionalInputs optional) {
        this.session = session;
        this.owner = owner;
        Map<String, Tensor> defaults = optional == null ? Map.of() : optional.defaults();
        try {
            for (Tensor fallback : defaults.values()) {
                defaultTensors.put(fallback.name(), OrtTypes.toOnnx(environment, fallback));
            }
            List<TensorSpec> all = new ArrayList<>(specs(session.getInputInfo()));
            if (optional != null) {
                all.removeIf(spec -> defaults.containsKey(spec.name()));
                all.addAll(optional.specs());
            }
            this.inputs = List.copyOf(all);
            this.outputs = specs(session.getOutputInfo());
        } catch (OrtException | RuntimeException e) {
            close();
            throw new ModelLoadException("cannot read the graph's inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                OrtTypes.toDatatype(info.onnxType).ifPresent(datatype ->
                        specs.add(new TensorSpec(node.getName(), datatype, info.getShape().clone())));
            }
        }
        return List.copyOf(specs);
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
                feed.put(tensor.name(), input);
            }
            defaultTensors.forEach(feed::putIfAbsent);
            try (OrtSession.Result result = session.run(feed, new LinkedHashSet<>(outputNames))) {
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
