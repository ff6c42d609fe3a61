package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.resource.DurationText;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerResource;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import dev.foresight.autoscaler.resource.SelectPolicy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRD in crds/ against the records the autoscaler reads it into. */
class CrdSchemaTest {
    private static final Map<String, Object> CRD = Crd.definition();

    @Test
    void servesTheNamesTheAutoscalerWatches() {
        Map<String, Object> names = Yamls.mapAt(CRD, "spec", "names");
        Map<String, Object> version = Crd.version(CRD);

        assertAll(
                () -> assertEquals(PredictiveAutoscalerResource.PLURAL + "." + PredictiveAutoscalerResource.GROUP,
                        Yamls.at(CRD, "metadata", "name")),
                () -> assertEquals(PredictiveAutoscalerResource.GROUP, Yamls.at(CRD, "spec", "group")),
                () -> assertEquals("Namespaced", Yamls.at(CRD, "spec", "scope")),
                () -> assertEquals(PredictiveAutoscalerResource.KIND, names.get("kind")),
                () -> assertEquals(PredictiveAutoscalerResource.PLURAL, names.get("plural")),
                () -> assertEquals(PredictiveAutoscalerResource.SINGULAR, names.get("singular")),
                () -> assertEquals(List.of(PredictiveAutoscalerResource.SHORT_NAME), names.get("shortNames")),
                () -> assertEquals(1, Yamls.listAt(CRD, "spec", "versions").size()),
                () -> assertEquals(PredictiveAutoscalerResource.VERSION, version.get("name")),
                () -> assertEquals(true, version.get("served")),
                () -> assertEquals(true, version.get("storage")),
                () -> assertEquals(Map.of(), Yamls.at(version, "subresources", "status")));
    }

    static Stream<Arguments> schemasAndRecords() {
        return Stream.of(
                Arguments.of("spec", Crd.specSchema(CRD), PredictiveAutoscalerSpec.class),
                Arguments.of("status", Crd.statusSchema(CRD), PredictiveAutoscalerStatus.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemasAndRecords")
    void schemaHasExactlyTheRecordComponentsWithTheirTypes(String name, Map<String, Object> schema, Class<?> record) {
        assertMatches(schema, record, name);
    }

    @Test
    void fullExampleSpecIsValidAndReadsIntoTheRecords() {
        Map<String, Object> spec = Crd.resource("full-spec.yaml");

        assertEquals(List.of(), OpenApiSchema.violations(spec, Crd.specSchema(CRD)));
        PredictiveAutoscalerSpec read = RecordReader.read(spec, PredictiveAutoscalerSpec.class);
        assertEquals(Duration.ofSeconds(90), read.startupDelay());
        assertEquals(SelectPolicy.Min, read.behavior().scaleDown().selectPolicy());
    }

    @Test
    void fullExampleStatusIsValidAndReadsIntoTheRecords() {
        Map<String, Object> status = Crd.resource("full-status.yaml");

        assertEquals(List.of(), OpenApiSchema.violations(status, Crd.statusSchema(CRD)));
        PredictiveAutoscalerStatus read = RecordReader.read(status, PredictiveAutoscalerStatus.class);
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), read.lastScaleTime());
        assertEquals(2, read.conditions().size());
    }

    static Stream<SchemaPaths.Property> specProperties() {
        return SchemaPaths.properties(Crd.specSchema(CRD)).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specProperties")
    void leavingOutAPropertyIsRejectedByTheSchemaExactlyWhenTheRecordsRejectIt(SchemaPaths.Property property) {
        Map<String, Object> spec = Crd.resource("full-spec.yaml");
        SchemaPaths.parentIn(spec, property).remove(property.name());

        boolean schemaRejects = !OpenApiSchema.violations(spec, Crd.specSchema(CRD)).isEmpty();
        boolean recordsReject = rejects(spec);

        assertEquals(schemaRejects, recordsReject,
                property + (schemaRejects ? " is required by the schema" : " is optional in the schema"));
    }

    static Stream<SchemaPaths.Property> specPropertiesWithDefaults() {
        return specProperties().filter(p -> p.schema().containsKey("default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specPropertiesWithDefaults")
    void defaultOfTheSchemaIsTheRecordsDefault(SchemaPaths.Property property) {
        Map<String, Object> spec = Crd.resource("full-spec.yaml");
        SchemaPaths.parentIn(spec, property).remove(property.name());
        Type type = SchemaPaths.typeAt(PredictiveAutoscalerSpec.class, property.path());

        Object recordDefault = SchemaPaths.valueIn(RecordReader.read(spec, PredictiveAutoscalerSpec.class), property.path());
        Object schemaDefault = RecordReader.read(property.schema().get("default"), type, property.toString());

        assertEquals(schemaDefault, recordDefault);
    }

    static Stream<Arguments> outOfBounds() {
        return specProperties()
                .flatMap(p -> Stream.of(
                        bound(p, "minimum", "exclusiveMinimum", -1),
                        bound(p, "maximum", "exclusiveMaximum", +1)))
                .flatMap(Stream::ofNullable);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("outOfBounds")
    void valueBeyondASchemaBoundIsRejectedByTheRecordsToo(SchemaPaths.Property property, Number value) {
        Map<String, Object> spec = boundsBase();
        SchemaPaths.parentIn(spec, property).put(property.name(), value);

        assertTrue(!OpenApiSchema.violations(spec, Crd.specSchema(CRD)).isEmpty(), "schema accepts " + value);
        assertTrue(rejects(spec), "records accept " + value);
    }

    static Stream<Arguments> inclusiveBounds() {
        return specProperties().flatMap(p -> Stream.of(
                        inclusive(p, "minimum", "exclusiveMinimum"),
                        inclusive(p, "maximum", "exclusiveMaximum")))
                .flatMap(Stream::ofNullable);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("inclusiveBounds")
    void valueOnAnInclusiveSchemaBoundIsAcceptedByTheRecordsToo(SchemaPaths.Property property, Number value) {
        Map<String, Object> spec = boundsBase();
        SchemaPaths.parentIn(spec, property).put(property.name(), value);

        assertEquals(List.of(), OpenApiSchema.violations(spec, Crd.specSchema(CRD)));
        RecordReader.read(spec, PredictiveAutoscalerSpec.class);
    }

    @Test
    void startupDelayPatternIsTheOneTheRecordsParse() {
        Map<String, Object> schema = Yamls.mapAt(Crd.specSchema(CRD), "properties", "startupDelay");

        assertEquals(DurationText.PATTERN, schema.get("pattern"));
        Map<String, Object> spec = Crd.resource("full-spec.yaml");
        spec.put("startupDelay", "90 seconds");
        assertTrue(!OpenApiSchema.violations(spec, Crd.specSchema(CRD)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RecordReader.read(spec, PredictiveAutoscalerSpec.class));
    }

    @Test
    void everyPrinterColumnReadsAPropertyOfTheSchemaWithItsType() {
        for (Object column : Yamls.listAt(Crd.version(CRD), "additionalPrinterColumns")) {
            Map<String, Object> printer = Yamls.map(column);
            String jsonPath = (String) printer.get("jsonPath");
            if (jsonPath.startsWith(".metadata.")) {
                assertEquals("date", printer.get("type"), jsonPath);
                continue;
            }
            String path = jsonPath.substring(1);
            String itemField = null;
            int filter = path.indexOf("[?");
            if (filter >= 0) {
                itemField = path.substring(path.lastIndexOf("].") + 2);
                path = path.substring(0, filter);
            }
            Map<String, Object> schema = Crd.rootSchema(CRD);
            for (String step : path.split("\\.")) {
                schema = Yamls.mapAt(schema, "properties", step);
            }
            if (itemField != null) {
                assertEquals("array", schema.get("type"), jsonPath);
                schema = Yamls.mapAt(schema, "items", "properties", itemField);
            }
            assertEquals(printer.get("type"), schema.get("type"), jsonPath);
        }
    }

    private static boolean rejects(Map<String, Object> spec) {
        try {
            RecordReader.read(spec, PredictiveAutoscalerSpec.class);
            return false;
        } catch (IllegalArgumentException rejected) {
            return true;
        }
    }

    /** The full example with the lowest replica bounds, so bounds of single fields can be probed alone. */
    private static Map<String, Object> boundsBase() {
        Map<String, Object> spec = Crd.resource("full-spec.yaml");
        spec.put("minReplicas", 1);
        Yamls.mapAt(spec, "fallback").put("replicas", 1);
        return spec;
    }

    private static Arguments bound(SchemaPaths.Property p, String key, String exclusiveKey, int direction) {
        if (!(p.schema().get(key) instanceof Number bound)) {
            return null;
        }
        boolean exclusive = Boolean.TRUE.equals(p.schema().get(exclusiveKey));
        Number beyond = "integer".equals(p.schema().get("type"))
                ? (Number) (bound.intValue() + direction)
                : (Number) (exclusive ? bound.doubleValue() : bound.doubleValue() + direction * 0.001);
        return Arguments.of(p, beyond);
    }

    private static Arguments inclusive(SchemaPaths.Property p, String key, String exclusiveKey) {
        if (!(p.schema().get(key) instanceof Number bound) || Boolean.TRUE.equals(p.schema().get(exclusiveKey))) {
            return null;
        }
        return Arguments.of(p, "integer".equals(p.schema().get("type")) ? (Number) bound.intValue() : (Number) bound.doubleValue());
    }

    private static void assertMatches(Map<String, Object> schema, Class<?> record, String path) {
        assertEquals("object", schema.get("type"), path);
        Map<String, Object> properties = Yamls.mapAt(schema, "properties");
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(components, new TreeSet<>(properties.keySet()), path + " vs " + record.getSimpleName());
        for (RecordComponent component : record.getRecordComponents()) {
            String name = path + "." + component.getName();
            assertType(Yamls.mapAt(properties, component.getName()), component.getGenericType(), name);
        }
    }

    private static void assertType(Map<String, Object> schema, Type type, String path) {
        Class<?> raw = RecordReader.raw(type);
        if (raw.isRecord()) {
            assertMatches(schema, raw, path);
        } else if (raw == List.class) {
            assertEquals("array", schema.get("type"), path);
            assertType(Yamls.mapAt(schema, "items"), ((ParameterizedType) type).getActualTypeArguments()[0], path + "[]");
        } else if (raw.isEnum()) {
            assertEquals("string", schema.get("type"), path);
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            assertEquals(constants, schema.get("enum"), path + " enum vs " + raw.getSimpleName());
        } else {
            assertEquals(scalar(raw), List.of(schema.get("type"), String.valueOf(schema.get("format"))), path);
        }
    }

    /** OpenAPI type and format ("null" when none) a scalar component must have. */
    private static List<String> scalar(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return List.of("integer", "int32");
        } else if (raw == long.class || raw == Long.class) {
            return List.of("integer", "int64");
        } else if (raw == double.class || raw == Double.class) {
            return List.of("number", "null");
        } else if (raw == boolean.class || raw == Boolean.class) {
            return List.of("boolean", "null");
        } else if (raw == String.class || raw == Duration.class) {
            return List.of("string", "null");
        } else if (raw == Instant.class) {
            return List.of("string", "date-time");
        }
        throw new AssertionError("no OpenAPI mapping for " + raw);
    }
}
