package dev.foresight.serving.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks a request against what a model declares, with messages that say what was expected. */
public final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * The request's inputs by name, each checked against {@code declared}.
     *
     * @throws BadRequestException naming the input and what the model expects
     */
    public static Map<String, Tensor> inputs(String model, List<TensorSpec> declared, InferRequest request) {
        Map<String, Tensor> inputs = new HashMap<>(request.inputs().size() * 2);
        for (Tensor tensor : request.inputs()) {
            TensorSpec spec = find(declared, tensor.name());
            if (spec == null) {
                throw new BadRequestException("unknown input '" + tensor.name() + "'; model '" + model
                        + "' expects " + describe(declared));
            }
            if (inputs.put(tensor.name(), tensor) != null) {
                throw new BadRequestException("input '" + tensor.name() + "' is given twice");
            }
            if (tensor.datatype() != spec.datatype()) {
                throw new BadRequestException("input '" + tensor.name() + "': expected " + spec.datatype()
                        + ", got " + tensor.datatype());
            }
            if (!spec.accepts(tensor.shape())) {
                throw new BadRequestException("input '" + tensor.name() + "': expected shape "
                        + Arrays.toString(spec.shape()) + " (-1: any size), got " + Arrays.toString(tensor.shape()));
            }
        }
        for (TensorSpec spec : declared) {
            if (!spec.optional() && !inputs.containsKey(spec.name())) {
                throw new BadRequestException("missing input '" + spec.name() + "' (" + spec.datatype() + " "
                        + Arrays.toString(spec.shape()) + ")");
            }
        }
        return inputs;
    }

    /** The spec named {@code name}; a scan, since models declare a handful of inputs (no map per request). */
    private static TensorSpec find(List<TensorSpec> declared, String name) {
        for (TensorSpec spec : declared) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }

    /**
     * The names of the outputs to compute: those requested, or every declared one.
     *
     * @throws BadRequestException for an output the model does not have
     */
    public static List<String> outputs(String model, List<TensorSpec> declared, InferRequest request) {
        if (request.requestedOutputs().isEmpty()) {
            return declared.stream().map(TensorSpec::name).toList();
        }
        List<String> names = new ArrayList<>();
        for (String name : request.requestedOutputs()) {
            if (declared.stream().noneMatch(spec -> spec.name().equals(name))) {
                throw new BadRequestException("unknown output '" + name + "'; model '" + model + "' has outputs "
                        + declared.stream().map(TensorSpec::name).collect(Collectors.joining(", ")));
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String describe(List<TensorSpec> specs) {
        return specs.stream().map(spec -> "'" + spec.name() + "' (" + spec.datatype() + " "
                + Arrays.toString(spec.shape()) + (spec.optional() ? ", optional" : "") + ")")
                .collect(Collectors.joining(", "));
    }
}
