package dev.foresight.serving.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Tensor elements in the binary tensor data extension's layout (Triton's {@code binary_data}):
 * little-endian, row-major, BOOL as one byte, BYTES as a 4-byte little-endian length before each
 * element's bytes.
 */
public final class BinaryTensorData {
    private BinaryTensorData() {
    }

    /**
     * Reads {@code count} elements of {@code datatype} from {@code bytes}, which must hold exactly them.
     *
     * @throws BadRequestException when the size does not match
     */
    public static Object read(String label, Datatype datatype, int count, ByteBuffer bytes) {
        ByteBuffer in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        int size = in.remaining();
        if (datatype != Datatype.BYTES && (long) count * datatype.elementBytes() != size) {
            throw new BadRequestException(label + ": binary_data_size " + size + " does not match " + count
                    + " " + datatype + " elements (" + (long) count * datatype.elementBytes() + " bytes)");
        }
        Object array = datatype.newArray(count);
        switch (datatype) {
            case BOOL -> {
                boolean[] values = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    values[i] = in.get() != 0;
                }
            }
            case UINT8, INT8 -> in.get((byte[]) array);
            case UINT16, INT16, FP16, BF16 -> in.asShortBuffer().get((short[]) array);
            case UINT32, INT32 -> in.asIntBuffer().get((int[]) array);
            case UINT64, INT64 -> in.asLongBuffer().get((long[]) array);
            case FP32 -> in.asFloatBuffer().get((float[]) array);
            case FP64 -> in.asDoubleBuffer().get((double[]) array);
            case BYTES -> readStrings(label, (String[]) array, in);
        }
        return array;
    }

    private static void readStrings(String label, String[] strings, ByteBuffer in) {
        for (int i = 0; i < strings.length; i++) {
            if (in.remaining() < 4) {
                throw new BadRequestException(label + ": binary BYTES data ends before element " + i);
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new BadRequestException(label + ": binary BYTES element " + i + " has length " + length
                        + " but only " + in.remaining() + " bytes remain");
            }
            byte[] utf8 = new byte[length];
            in.get(utf8);
            strings[i] = new String(utf8, StandardCharsets.UTF_8);
        }
        if (in.hasRemaining()) {
            throw new BadRequestException(label + ": " + in.remaining() + " bytes left after " + strings.length
                    + " BYTES elements");
        }
    }

    /** The elements of {@code tensor} in the binary layout. */
    static byte[] write(Tensor tensor) {
        Datatype datatype = tensor.datatype();
        Object data = tensor.data();
        if (datatype == Datatype.BYTES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String s : (String[]) data) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
                out.writeBytes(utf8);
            }
            return out.toByteArray();
        }
        ByteBuffer out = ByteBuffer.allocate(tensor.size() * datatype.elementBytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (datatype) {
            case BOOL -> {
                for (boolean v : (boolean[]) data) {
                    out.put((byte) (v ? 1 : 0));
                }
            }
            case UINT8, INT8 -> out.put((byte[]) data);
            case UINT16, INT16, FP16, BF16 -> out.asShortBuffer().put((short[]) data);
            case UINT32, INT32 -> out.asIntBuffer().put((int[]) data);
            case UINT64, INT64 -> out.asLongBuffer().put((long[]) data);
            case FP32 -> out.asFloatBuffer().put((float[]) data);
            case FP64 -> out.asDoubleBuffer().put((double[]) data);
            default -> throw new IllegalStateException(datatype.name());
        }
        return out.array();
    }
}
