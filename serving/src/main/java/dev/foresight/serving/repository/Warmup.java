package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one inference on a freshly loaded session, so the runtime allocates and optimises before
 * real traffic: every required input filled with ones (true, and empty strings for BYTES), every
 * dynamic dimension set to 1. Ones, not zeros: no integer division by a warm-up value can be a
 * division by zero. Whatever the run throws is the load's failure.
 */
final class Warmup {
    /** 1.0 as FP16 and as BF16 bits. */
    private static final short FP16_ONE = 0x3C00;
    private static final short BF16_ONE = 0x3F80;

    private Warmup() {
    }

    static void run(ModelSession session) {
        Map<String, Tensor> inputs = new HashMap<>();
        for (TensorSpec spec : session.inputs()) {
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
        List<String> outputs = session.outputs().stream().map(TensorSpec::name).toList();
        session.run(inputs, outputs);
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
