package dev.foresight.serving.repository;

import dev.foresight.serving.inference.InferenceFailedException;
import dev.foresight.serving.inference.ModelLoadException;
import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.protocol.BadRequestException;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.InferRequestDecoder;
import dev.foresight.serving.protocol.RequestChecks;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one inference on a freshly loaded session, so the runtime allocates and optimises before
 * real traffic.
 *
 * <p>With a sample beside the model file ({@value #SAMPLE_FILE}: a V2 inference request), the
 * sample is run, and whatever it fails with fails the load: its author says it is a valid input.
 * Without one, every required input is filled with ones (true, and empty strings for BYTES),
 * every dynamic dimension set to 1. Ones, not zeros: no warm-up value is an integer division by
 * zero. Such made-up values are not valid for every graph (a {@code Reshape} to a shape of ones,
 * a {@code Slice} whose axes are all 1): when the runtime refuses them, the model is not at
 * fault, so that is logged and the version serves, warmed up by its first request instead.
 */
final class Warmup {
    /** The file beside {@code model.onnx} whose request warms its version up. */
    static final String SAMPLE_FILE = "warmup.json";

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    /** 1.0 as FP16 and as BF16 bits. */
    private static final short FP16_ONE = 0x3C00;
    private static final short BF16_ONE = 0x3F80;

    private Warmup() {
    }

    /**
     * @param model     for messages
     * @param modelFile the version's model file; the sample is looked for beside it
     * @throws ModelLoadException when the sample cannot be read or run
     */
    static void run(String model, ModelSession session, Path modelFile) {
        List<String> outputs = session.outputs().stream().map(TensorSpec::name).toList();
        Path sample = modelFile.resolveSibling(SAMPLE_FILE);
        if (Files.isRegularFile(sample)) {
            try {
                InferRequest request = new InferRequestDecoder().decode(Files.readAllBytes(sample));
                session.run(RequestChecks.inputs(model, session.inputs(), request), outputs);
                return;
            } catch (IOException | BadRequestException | InferenceFailedException e) {
                throw new ModelLoadException("warm-up with " + SAMPLE_FILE + " failed: " + e.getMessage(), e);
            }
        }
        try {
            session.run(ones(session.inputs()), outputs);
        } catch (InferenceFailedException e) {
            LOG.warn("Model {}: the runtime refused the warm-up's made-up inputs (all ones), so {} serves without"
                    + " warm-up; put a valid request in {} beside the model file to warm it up: {}",
                    model, modelFile, SAMPLE_FILE, e.getMessage());
        }
    }

    private static Map<String, Tensor> ones(List<TensorSpec> specs) {
        Map<String, Tensor> inputs = new HashMap<>();
        for (TensorSpec spec : specs) {
            if (spec.optional()) {
                continue;
            }
            long[] shape = spec.shape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = 1;
                }
            }
            inputs.put(spec.name(), new Tensor(spec.name(), spec.datatype(), shape,
                    ones(spec.datatype(), Math.toIntExact(Tensor.elementCount(shape)))));
        }
        return inputs;
    }

    private static Object ones(Datatype datatype, int count) {
        Object data = datatype.newArray(count);
        switch (datatype) {
            case BOOL -> Arrays.fill((boolean[]) data, true);
            case UINT8, INT8 -> Arrays.fill((byte[]) data, (byte) 1);
            case UINT16, INT16 -> Arrays.fill((short[]) data, (short) 1);
            case FP16 -> Arrays.fill((short[]) data, FP16_ONE);
            case BF16 -> Arrays.fill((short[]) data, BF16_ONE);
            case UINT32, INT32 -> Arrays.fill((int[]) data, 1);
            case UINT64, INT64 -> Arrays.fill((long[]) data, 1L);
            case FP32 -> Arrays.fill((float[]) data, 1f);
            case FP64 -> Arrays.fill((double[]) data, 1d);
            case BYTES -> {
            }
        }
        return data;
    }
}
