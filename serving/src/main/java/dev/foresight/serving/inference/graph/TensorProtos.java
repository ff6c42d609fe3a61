package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.foresight.serving.protocol.BinaryTensorData;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Reads the values of a {@link TensorProto} held in the model file (raw or in its typed fields). */
final class TensorProtos {
    private TensorProtos() {
    }

    /**
     * The tensor's values as a protocol tensor named {@code name}; empty when its element type has
     * no protocol datatype or its data lives outside the model file.
     */
    static Optional<Tensor> read(String name, TensorProto proto) {
        Optional<Datatype> datatype = ElementTypes.datatype(proto.getDataType());
        if (datatype.isEmpty() || proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return Optional.empty();
        }
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = Math.toIntExact(Tensor.elementCount(shape));
        if (proto.hasRawData()) {
            return Optional.of(new Tensor(name, datatype.get(), shape, BinaryTensorData.read("tensor '" + name + "'",
                    datatype.get(), count, ByteBuffer.wrap(proto.getRawData().toByteArray()))));
        }
        Object data = datatype.get().newArray(count);
        for (int i = 0; i < count; i++) {
            switch (datatype.get()) {
                case FP32 -> ((float[]) data)[i] = proto.getFloatData(i);
                case FP64 -> ((double[]) data)[i] = proto.getDoubleData(i);
                case INT64 -> ((long[]) data)[i] = proto.getInt64Data(i);
                case UINT64 -> ((long[]) data)[i] = proto.getUint64Data(i);
                case UINT32 -> ((int[]) data)[i] = (int) proto.getUint64Data(i);
                case INT32 -> ((int[]) data)[i] = proto.getInt32Data(i);
                case INT16, UINT16, FP16, BF16 -> ((short[]) data)[i] = (short) proto.getInt32Data(i);
                case INT8, UINT8 -> ((byte[]) data)[i] = (byte) proto.getInt32Data(i);
                case BOOL -> ((boolean[]) data)[i] = proto.getInt32Data(i) != 0;
                case BYTES -> ((String[]) data)[i] = proto.getStringData(i).toStringUtf8();
            }
        }
        return Optional.of(new Tensor(name, datatype.get(), shape, data));
    }

    /** The integer values of an integer tensor, widened to long (unsigned ones as their bits). */
    static long[] integers(Tensor tensor) {
        Object data = tensor.data();
        long[] values = new long[tensor.size()];
        for (int i = 0; i < values.length; i++) {
            if (data instanceof byte[] bytes) {
                values[i] = bytes[i];
            } else if (data instanceof short[] shorts) {
                values[i] = shorts[i];
            } else if (data instanceof int[] ints) {
                values[i] = ints[i];
            } else if (data instanceof long[] longs) {
                values[i] = longs[i];
            } else {
                throw new IllegalArgumentException(tensor.datatype() + " is not an integer type");
            }
        }
        return values;
    }
}
