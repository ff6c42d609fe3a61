package dev.foresight.serving.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a V2 JSON inference request straight into primitive arrays, without an object tree and
 * without boxing a number.
 *
 * <p>Accepts {@code data} flat or nested, {@code data} before or after {@code datatype} and
 * {@code shape}, and ignores fields it does not know (such as {@code parameters}). Every mistake
 * is a {@link BadRequestException} whose message names the input and what was expected.
 * Thread-safe; keep one instance.
 */
public final class InferRequestDecoder {
    /** Nesting deeper than this is refused before it can exhaust the stack. */
    static final int MAX_NESTING = 64;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(400)
                    .build())
            // Decimal to binary in a fraction of the JDK's time (FastDoubleParser, inside jackson-core)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** Decodes one request whose whole body is JSON. */
    public InferRequest decode(byte[] json) {
        return decode(json, json.length);
    }

    /**
     * Decodes one request of the binary tensor data extension: the first {@code jsonLength} bytes
     * of {@code body} are the JSON header, the rest the raw data of the inputs that declare a
     * {@code binary_data_size}, in input order.
     */
    public InferRequest decode(byte[] body, int jsonLength) {
        if (jsonLength < 0 || jsonLength > body.length) {
            throw new BadRequestException("Inference-Header-Content-Length " + jsonLength + " is outside the body of "
                    + body.length + " bytes");
        }
        Binary binary = new Binary(body, jsonLength);
        try (JsonParser parser = factory.createParser(body, 0, jsonLength)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("request body must be a JSON object");
            }
            InferRequest request = readRequest(parser, binary);
            if (binary.offset != body.length) {
                throw new BadRequestException((body.length - binary.offset) + " bytes of binary data follow the JSON"
                        + " header but no input claims them with binary_data_size");
            }
            if (parser.nextToken() != null) {
                throw new BadRequestException("unexpected content after the JSON object");
            }
            return request;
        } catch (StreamConstraintsException e) {
            throw new BadRequestException("request JSON too deep or a number too long: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequestException("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private InferRequest readRequest(JsonParser p, Binary binary) throws IOException {
        String id = null;
        List<Tensor> inputs = null;
        List<String> outputs = List.of();
        Set<String> binaryOutputs = new HashSet<>();
        boolean allBinary = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = readId(p, value);
                case "inputs" -> inputs = readInputs(p, value, binary);
                case "outputs" -> outputs = readOutputs(p, value, binaryOutputs);
                case "parameters" -> allBinary = Boolean.TRUE.equals(readParameter(p, value, "parameters",
                        "binary_data_output", JsonToken.VALUE_TRUE));
                default -> p.skipChildren();
            }
        }
        if (inputs == null) {
            throw new BadRequestException("request has no 'inputs'");
        }
        return new InferRequest(id, inputs, outputs, binaryOutputs, allBinary);
    }

    /**
     * Reads a {@code parameters} object and returns the value of {@code key}: a Boolean when
     * {@code kind} is VALUE_TRUE, a Long when it is VALUE_NUMBER_INT; null when absent.
     */
    private static Object readParameter(JsonParser p, JsonToken value, String where, String key, JsonToken kind)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw new BadRequestException(where + " must be an object");
        }
        Object found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (!name.equals(key)) {
                p.skipChildren();
            } else if (kind == JsonToken.VALUE_TRUE && (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)) {
                found = token == JsonToken.VALUE_TRUE;
            } else if (kind == JsonToken.VALUE_NUMBER_INT && token == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER && p.getLongValue() >= 0) {
                found = p.getLongValue();
            } else {
                throw new BadRequestException(where + "." + key + " must be "
                        + (kind == JsonToken.VALUE_TRUE ? "true or false" : "a non-negative integer"));
            }
        }
        return found;
    }

    private static String readId(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new BadRequestException("'id' must be a string");
        }
        return p.getText();
    }

    private List<Tensor> readInputs(JsonParser p, JsonToken value, Binary binary) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new BadRequestException("'inputs' must be an array of tensors");
        }
        List<Tensor> inputs = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("inputs[" + inputs.size() + "] must be an object");
            }
            inputs.add(readInput(p, inputs.size(), binary));
        }
        return inputs; // empty is right for a model without required inputs; the model's checks say what is missing

    }

    private Tensor readInput(JsonParser p, int index, Binary binary) throws IOException {
        Long binarySize = null;
        String name = null;
        Datatype datatype = null;
        long[] shape = null;
        Object data = null;
        TokenBuffer pendingData = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = readName(p, value, "inputs[" + index + "].name");
                case "datatype" -> datatype = readDatatype(p, value, label(name, index));
                case "shape" -> shape = readShape(p, value, label(name, index));
                case "data" -> {
                    if (datatype != null && shape != null) {
                        data = readData(p, label(name, index), datatype, shape);
                    } else {
                        pendingData = TokenBuffer.asCopyOfValue(p);
                    }
                }
                case "parameters" -> binarySize = (Long) readParameter(p, value, label(name, index) + ".parameters",
                        "binary_data_size", JsonToken.VALUE_NUMBER_INT);
                default -> p.skipChildren();
            }
        }
        String label = label(name, index);
        if (name == null) {
            throw new BadRequestException(label + ": missing 'name'");
        }
        if (datatype == null) {
            throw new BadRequestException(label + ": missing 'datatype'");
        }
        if (shape == null) {
            throw new BadRequestException(label + ": missing 'shape'");
        }
        if (binarySize != null) {
            if (data != null || pendingData != null) {
                throw new BadRequestException(label + ": has both 'data' and binary_data_size");
            }
            data = binary.read(label, datatype, shape, binarySize);
        }
        if (pendingData != null) {
            try (JsonParser buffered = pendingData.asParser()) {
                buffered.nextToken();
                data = readData(buffered, label, datatype, shape);
            }
        }
        if (data == null) {
            throw new BadRequestException(label + ": missing 'data'");
        }
        return new Tensor(name, datatype, shape, data);
    }

    private static String label(String name, int index) {
        return name == null ? "inputs[" + index + "]" : "input '" + name + "'";
    }

    private static String readName(JsonParser p, JsonToken value, String what) throws IOException {
        if (value != JsonToken.VALUE_STRING || p.getText().isEmpty()) {
            throw new BadRequestException(what + " must be a non-empty string");
        }
        return p.getText();
    }

    private static Datatype readDatatype(JsonParser p, JsonToken value, String label)
            throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadRequestException(label + ": 'datatype' must be a string");
        }
        String text = p.getText();
        return Datatype.parse(text).orElseThrow(() -> new BadRequestException(label
                + ": unknown datatype '" + text + "', expected one of "
                + Arrays.toString(Datatype.values())));
    }

    private static long[] readShape(JsonParser p, JsonToken value, String label) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new BadRequestException(label + ": 'shape' must be an array of integers");
        }
        long[] dims = new long[4];
        int rank = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw new BadRequestException(label + ": 'shape' must hold non-negative integers, got "
                        + p.getText());
            }
            if (rank == dims.length) {
                if (rank >= MAX_NESTING) {
                    throw new BadRequestException(label + ": 'shape' has more than " + MAX_NESTING
                            + " dimensions");
                }
                dims = Arrays.copyOf(dims, rank * 2);
            }
            dims[rank++] = p.getLongValue();
        }
        return Arrays.copyOf(dims, rank);
    }

    private static Object readData(JsonParser p, String label, Datatype datatype, long[] shape)
            throws IOException {
        long expected = Tensor.elementCount(shape);
        if (expected < 0 || expected > Integer.MAX_VALUE - 8) {
            throw new BadRequestException(label + ": shape " + Arrays.toString(shape)
                    + " has too many elements");
        }
        int count = (int) expected;
        ElementReader reader = new ElementReader(label, datatype, count);
        if (p.currentToken() == JsonToken.START_ARRAY) {
            readNested(p, reader, shape);
        } else if (p.currentToken().isScalarValue()) {
            reader.read(p);
        } else {
            throw new BadRequestException(label + ": 'data' must be an array");
        }
        if (reader.count() != count) {
            throw new BadRequestException(label + ": 'data' has " + reader.count()
                    + " elements but shape " + Arrays.toString(shape) + " needs " + count);
        }
        return reader.array();
    }

    private static void readNested(JsonParser p, ElementReader reader, long[] shape)
            throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = p.nextToken();
            if (token == null) {
                throw new BadRequestException(reader.label() + ": 'data' is truncated");
            }
            switch (token) {
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case START_OBJECT -> throw new BadRequestException(reader.label()
                        + ": 'data' must hold " + reader.datatype() + " values, got an object");
                default -> reader.read(p);
            }
        }
    }

    private List<String> readOutputs(JsonParser p, JsonToken value, Set<String> binaryOutputs) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new BadRequestException("'outputs' must be an array of {\"name\": ...} objects");
        }
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("outputs[" + names.size() + "] must be an object");
            }
            String name = null;
            boolean binary = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken fieldValue = p.nextToken();
                if (field.equals("name")) {
                    name = readName(p, fieldValue, "outputs[" + names.size() + "].name");
                } else if (field.equals("parameters")) {
                    binary = Boolean.TRUE.equals(readParameter(p, fieldValue, "outputs[" + names.size() + "].parameters",
                            "binary_data", JsonToken.VALUE_TRUE));
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw new BadRequestException("outputs[" + names.size() + "]: missing 'name'");
            }
            names.add(name);
            if (binary) {
                binaryOutputs.add(name);
            }
        }
        return names;
    }

    /** The binary section after the JSON header, consumed in input order. */
    private static final class Binary {
        final byte[] body;
        int offset;

        Binary(byte[] body, int headerLength) {
            this.body = body;
            this.offset = headerLength;
        }

        Object read(String label, Datatype datatype, long[] shape, long size) {
            long count = Tensor.elementCount(shape);
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw new BadRequestException(label + ": shape " + Arrays.toString(shape) + " has too many elements");
            }
            if (size > body.length - offset) {
                throw new BadRequestException(label + ": binary_data_size " + size + " but only "
                        + (body.length - offset) + " bytes of binary data remain");
            }
            Object data = BinaryTensorData.read(label, datatype, (int) count,
                    java.nio.ByteBuffer.wrap(body, offset, (int) size));
            offset += (int) size;
            return data;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
