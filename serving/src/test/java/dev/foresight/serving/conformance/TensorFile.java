package dev.foresight.serving.conformance;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code input_N.pb} or {@code output_N.pb} of an ONNX node test: a serialized TensorProto,
 * read here independently of the server's own code, as a V2 datatype, a shape and its elements
 * (doubles for floating types, BigIntegers for integers, Booleans, Strings).
 */
record TensorFile(String datatype, long[] shape, List<Object> values) {
    /** ONNX's relative and absolute tolerances, as its backend tests compare outputs by default. */
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-7;

    private static final String[] DATATYPES = {null, "FP32", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64",
        "BYTES", "BOOL", "FP16", "FP64", "UINT32", "UINT64", null, null, "BF16"};

    /**
     * Reads a tensor file.
     *
     * @param declared the element type the graph declares for it: files made before numpy had
     *                 bfloat16 hold BFLOAT16 values as their bits in a UINT16 tensor
     * @throws IllegalArgumentException when its element type has no V2 datatype (or it is no tensor)
     */
    static TensorFile read(Path file, int declared) throws IOException {
        TensorProto proto = TensorProto.parseFrom(Files.readAllBytes(file));
        int type = proto.getDataType() == 4 && declared == 16 ? 16 : proto.getDataType();
        String datatype = type > 0 && type < DATATYPES.length ? DATATYPES[type] : null;
        if (datatype == null) {
            throw new IllegalArgumentException(file + ": element type " + type + " has no V2 datatype");
        }
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        List<Object> values = new ArrayList<>(count);
        ByteBuffer raw = proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = proto.hasRawData();
        for (int i = 0; i < count; i++) {
            values.add(switch (datatype) {
                case "FP32" -> (double) (hasRaw ? raw.getFloat() : proto.getFloatData(i));
                case "FP64" -> hasRaw ? raw.getDouble() : proto.getDoubleData(i);
                case "FP16" -> (double) halfToFloat(hasRaw ? raw.getShort() : (short) proto.getInt32Data(i));
                case "BF16" -> (double) Float.intBitsToFloat((hasRaw ? raw.getShort() : proto.getInt32Data(i)) << 16);
                case "BOOL" -> (hasRaw ? raw.get() : proto.getInt32Data(i)) != 0;
                case "BYTES" -> proto.getStringData(i).toStringUtf8();
                case "INT8" -> BigInteger.valueOf(hasRaw ? raw.get() : proto.getInt32Data(i));
                case "UINT8" -> BigInteger.valueOf((hasRaw ? raw.get() : proto.getInt32Data(i)) & 0xFF);
                case "INT16" -> BigInteger.valueOf(hasRaw ? raw.getShort() : proto.getInt32Data(i));
                case "UINT16" -> BigInteger.valueOf((hasRaw ? raw.getShort() : proto.getInt32Data(i)) & 0xFFFF);
                case "INT32" -> BigInteger.valueOf(hasRaw ? raw.getInt() : proto.getInt32Data(i));
                case "UINT32" -> BigInteger.valueOf(hasRaw ? raw.getInt() & 0xFFFFFFFFL : proto.getUint64Data(i));
                case "INT64" -> BigInteger.valueOf(hasRaw ? raw.getLong() : proto.getInt64Data(i));
                case "UINT64" -> new BigInteger(Long.toUnsignedString(hasRaw ? raw.getLong() : proto.getUint64Data(i)));
                default -> throw new IllegalStateException(datatype);
            });
        }
        return new TensorFile(datatype, shape, values);
    }

    /** The tensor as a V2 request input named {@code name}. */
    ObjectNode toInput(String name) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("name", name).put("datatype", datatype);
        ArrayNode dims = input.putArray("shape");
        Arrays.stream(shape).forEach(dims::add);
        ArrayNode data = input.putArray("data");
        for (Object value : values) {
            if (value instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    data.add(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                } else if (datatype.equals("FP64")) {
                    data.add(d);
                } else {
                    data.add(d.floatValue()); // shortest digits of the float, which is exactly the element
                }
            } else if (value instanceof BigInteger b) {
                data.add(b);
            } else if (value instanceof Boolean b) {
                data.add(b);
            } else {
                data.add((String) value);
            }
        }
        return input;
    }

    /**
     * Why a V2 response output differs from this expected tensor, or null when it matches: within
     * ONNX's tolerances, or exactly.
     */
    String mismatch(JsonNode output, boolean exact) {
        if (!datatype.equals(output.path("datatype").asText())) {
            return "datatype " + output.path("datatype").asText() + ", expected " + datatype;
        }
        long[] actualShape = new long[output.path("shape").size()];
        for (int i = 0; i < actualShape.length; i++) {
            actualShape[i] = output.path("shape").get(i).asLong();
        }
        if (!Arrays.equals(shape, actualShape)) {
            return "shape " + Arrays.toString(actualShape) + ", expected " + Arrays.toString(shape);
        }
        JsonNode data = output.path("data");
        if (data.size() != values.size()) {
            return data.size() + " elements, expected " + values.size();
        }
        for (int i = 0; i < values.size(); i++) {
            // Floats go through JSON as their shortest digits: exactly, they are compared as floats.
            boolean single = exact && !datatype.equals("FP64");
            String problem = differs(values.get(i), data.get(i), exact ? 0 : RTOL, exact ? 0 : ATOL, single);
            if (problem != null) {
                return "element " + i + ": " + problem;
            }
        }
        return null;
    }

    private static String differs(Object expected, JsonNode actual, double rtol, double atol, boolean single) {
        if (expected instanceof Double e) {
            double a = actual.isTextual() ? switch (actual.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + actual);
            } : actual.asDouble();
            boolean same = single ? close((float) (double) e, (float) a, rtol, atol) : close(e, a, rtol, atol);
            return same ? null : a + ", expected " + e;
        }
        if (expected instanceof BigInteger e) {
            return actual.isIntegralNumber() && actual.bigIntegerValue().equals(e) ? null : actual + ", expected " + e;
        }
        if (expected instanceof Boolean e) {
            return actual.isBoolean() && actual.asBoolean() == e ? null : actual + ", expected " + e;
        }
        if (actual.isTextual() && actual.asText().equals(expected)) {
            return null;
        }
        // Strings that are numbers (Cast to STRING) differ in their digits between implementations
        // ("0.60484552" and "0.6048455" are one float): compare the numbers they carry.
        Double e = number((String) expected);
        Double a = actual.isTextual() ? number(actual.asText()) : null;
        return e != null && a != null && close(e, a, rtol, atol) ? null : actual + ", expected \"" + expected + "\"";
    }

    private static boolean close(double expected, double actual, double rtol, double atol) {
        return Double.isNaN(expected) ? Double.isNaN(actual) : Double.isInfinite(expected) ? actual == expected
                : Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float halfToFloat(short bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = (1 + mantissa / 1024f) * (float) Math.pow(2, exponent - 15);
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
