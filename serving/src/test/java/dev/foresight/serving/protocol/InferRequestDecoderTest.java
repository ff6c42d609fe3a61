package dev.foresight.serving.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferRequestDecoderTest {
    private final InferRequestDecoder decoder = new InferRequestDecoder();

    private InferRequest decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFlatAndNestedDataIntoPrimitiveArrays() {
        InferRequest flat = decode("{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[1,2,3,4.5]}]}");
        InferRequest nested = decode("{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[[1,2],[3,4.5]]}]}");
        assertArrayEquals(new float[] {1, 2, 3, 4.5f}, (float[]) flat.inputs().get(0).data());
        assertEquals(flat.inputs(), nested.inputs());
        assertNull(flat.id());
        assertEquals(List.of(), flat.requestedOutputs());
    }

    @Test
    void toleratesUnknownFieldsAnywhere() {
        InferRequest request = decode("{\"future\":{\"a\":[1,{\"b\":2}]},\"id\":\"x\",\"inputs\":[{\"name\":\"a\","
                + "\"extra\":[[[]]],\"datatype\":\"int64\",\"shape\":[1],\"data\":[5]}],\"outputs\":[{\"name\":\"o\",\"x\":1}]}");
        assertArrayEquals(new long[] {5}, (long[]) request.inputs().get(0).data());
        assertEquals("x", request.id());
        assertEquals(List.of("o"), request.requestedOutputs());
    }

    @Test
    void nonFiniteFloatsAreReadFromStrings() {
        InferRequest request = decode("{\"inputs\":[{\"name\":\"w\",\"datatype\":\"FP32\",\"shape\":[3],"
                + "\"data\":[\"NaN\",\"Infinity\",\"-Infinity\"]}]}");
        float[] values = (float[]) request.inputs().get(0).data();
        assertTrue(Float.isNaN(values[0]));
        assertEquals(Float.POSITIVE_INFINITY, values[1]);
        assertEquals(Float.NEGATIVE_INFINITY, values[2]);
    }

    @Test
    void floatsAndDoublesSurviveTheEncoderAndDecoderBitForBit() {
        Random random = new Random(7);
        float[] floats = new float[20_000];
        double[] doubles = new double[20_000];
        for (int i = 0; i < floats.length; i++) {
            do {
                floats[i] = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(floats[i]));
            do {
                doubles[i] = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(doubles[i]));
        }
        floats[0] = Float.MIN_VALUE;
        floats[1] = Float.MAX_VALUE;
        floats[2] = 3.4518791E-6f;
        doubles[0] = Double.MIN_VALUE;
        doubles[1] = Double.MAX_VALUE;
        InferResponse response = new InferResponse("m", 1, null, List.of(
                new Tensor("f", Datatype.FP32, new long[] {floats.length}, floats),
                new Tensor("d", Datatype.FP64, new long[] {doubles.length}, doubles)));
        String json = new String(new InferResponseEncoder().encode(response), StandardCharsets.UTF_8)
                .replace("\"outputs\"", "\"inputs\"");

        InferRequest request = decode(json);

        assertArrayEquals(floats, (float[]) request.inputs().get(0).data());
        assertArrayEquals(doubles, (double[]) request.inputs().get(1).data());
    }

    @Test
    void scalarTensorsHaveAnEmptyShape() {
        InferRequest request = decode("{\"inputs\":[{\"name\":\"s\",\"datatype\":\"FP64\",\"shape\":[],\"data\":[2.5]}]}");
        assertArrayEquals(new double[] {2.5}, (double[]) request.inputs().get(0).data());
    }

    @Test
    void fp16ValuesRoundToNearestHalf() {
        InferRequest request = decode("{\"inputs\":[{\"name\":\"h\",\"datatype\":\"FP16\",\"shape\":[3],\"data\":[1.0,0.1,-65504]}]}");
        short[] bits = (short[]) request.inputs().get(0).data();
        assertEquals((short) 0x3c00, bits[0]);
        assertEquals((short) 0x2e66, bits[1]);
        assertEquals((short) 0xfbff, bits[2]);
        assertEquals(1.0f, HalfFloat.fromHalf(bits[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{",
        "nul",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]} trailing",
        "{\"inputs\":{}}",
        "{\"inputs\":[1]}",
        "{\"inputs\":[{\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[{\"x\":1}]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1e999]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1e39]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[99999999999999999999]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"UINT64\",\"shape\":[1],\"data\":[-1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"BOOL\",\"shape\":[1],\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1.5],\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[1,2,3]}]}",
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[1,2",
        "{\"id\":5,\"inputs\":[]}",
        "{\"inputs\":[],\"outputs\":[{}]}",
    })
    void malformedRequestsAreBadRequests(String json) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> decode(json));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String json = "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":" + deep + "}]}";
        BadRequestException e = assertThrows(BadRequestException.class, () -> decode(json));
        assertTrue(e.getMessage().contains("too deep"), e.getMessage());
    }

    @Test
    void randomMutationsOfAValidRequestNeverEscapeAsAnythingButBadRequest() {
        byte[] valid = ("{\"id\":\"q\",\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2,2],"
                + "\"data\":[[1,2],[3,4]]},{\"name\":\"b\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"z\"]}],"
                + "\"outputs\":[{\"name\":\"o\"}]}").getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        byte[] alphabet = "{}[]\",:0123456789.-eE truefalsnul\\".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                mutated[random.nextInt(mutated.length)] = random.nextBoolean()
                        ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int length = random.nextInt(10) == 0 ? random.nextInt(mutated.length) : mutated.length;
            byte[] body = java.util.Arrays.copyOf(mutated, length);
            try {
                decoder.decode(body);
            } catch (BadRequestException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
    }
}
