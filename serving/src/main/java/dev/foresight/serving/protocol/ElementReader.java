package dev.foresight.serving.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigInteger;

/**
 * Appends JSON scalars to the carrier array of one datatype, checking each against the
 * datatype's range. One instance per tensor; not thread-safe.
 */
final class ElementReader {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String label;
    private final Datatype datatype;
    private final int capacity;
    private final Object array;
    private int count;

    ElementReader(String label, Datatype datatype, int capacity) {
        this.label = label;
        this.datatype = datatype;
        this.capacity = capacity;
        this.array = datatype.newArray(capacity);
    }

    String label() {
        return label;
    }

    Datatype datatype() {
        return datatype;
    }

    int count() {
        return count;
    }

    Object array() {
        return array;
    }

    /** Reads the scalar at the parser's current token. */
    void read(JsonParser p) throws IOException {
        if (count == capacity) {
            throw new BadRequestException(label + ": 'data' has more than the " + capacity
                    + " elements its shape allows");
        }
        JsonToken token = p.currentToken();
        int i = count++;
        switch (datatype) {
            case BOOL -> ((boolean[]) array)[i] = readBool(p, token);
            case BYTES -> ((String[]) array)[i] = readString(p, token);
            case FP32 -> ((float[]) array)[i] = readFloat(p, token);
            case FP16 -> ((short[]) array)[i] = HalfFloat.toHalf(readHalfRange(p, token, 65504f));
            case BF16 -> ((short[]) array)[i] = HalfFloat.toBfloat(readFloat(p, token));
            case FP64 -> ((double[]) array)[i] = readDouble(p, token);
            case INT8 -> ((byte[]) array)[i] = (byte) readLong(p, token, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> ((byte[]) array)[i] = (byte) readLong(p, token, 0, 255);
            case INT16 -> ((short[]) array)[i] = (short) readLong(p, token, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> ((short[]) array)[i] = (short) readLong(p, token, 0, 65535);
            case INT32 -> ((int[]) array)[i] = (int) readLong(p, token, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> ((int[]) array)[i] = (int) readLong(p, token, 0, 0xffffffffL);
            case INT64 -> ((long[]) array)[i] = readLong(p, token, Long.MIN_VALUE, Long.MAX_VALUE);
            case UINT64 -> ((long[]) array)[i] = readUint64(p, token);
        }
    }

    private boolean readBool(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw mismatch(p, "true or false");
    }

    private String readString(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw mismatch(p, "strings");
    }

    private float readFloat(JsonParser p, JsonToken token) throws IOException {
        return (float) readHalfRange(p, token, Float.MAX_VALUE);
    }

    /**
     * A number that must round to a finite value no larger than {@code max}. Rounding, not the
     * decimal itself, decides: 3.4028235E38, how Java and most JSON writers print FP32's largest
     * value, is a little above it as a decimal and still that value.
     */
    private float readHalfRange(JsonParser p, JsonToken token, float max) throws IOException {
        double value = readDouble(p, token);
        if (Double.isFinite(value) && Math.abs((float) value) > max) {
            throw new BadRequestException(label + ": value " + p.getText() + " is out of range for "
                    + datatype);
        }
        return (float) value;
    }

    private double readDouble(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            double value = p.getDoubleValue();
            if (Double.isInfinite(value)) {
                throw new BadRequestException(label + ": value " + p.getText()
                        + " is out of range for " + datatype);
            }
            return value;
        }
        if (token == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN": return Double.NaN;
                case "Infinity", "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw mismatch(p, "numbers");
    }

    private long readLong(JsonParser p, JsonToken token, long min, long max) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(p, "integers");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange(p);
        }
        long value = p.getLongValue();
        if (value < min || value > max) {
            throw outOfRange(p);
        }
        return value;
    }

    private long readUint64(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(p, "integers");
        }
        BigInteger value = p.getBigIntegerValue();
        if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
            throw outOfRange(p);
        }
        return value.longValue();
    }

    private BadRequestException outOfRange(JsonParser p) throws IOException {
        return new BadRequestException(label + ": value " + p.getText() + " is out of range for "
                + datatype);
    }

    private BadRequestException mismatch(JsonParser p, String expected) throws IOException {
        String got = switch (p.currentToken()) {
            case VALUE_STRING -> "string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
            case VALUE_NULL -> "null";
            default -> p.getText();
        };
        return new BadRequestException(label + ": " + datatype + " data must be " + expected
                + ", got " + got);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
