package dev.foresight.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The PredictiveAutoscaler CRD as shipped in the chart's {@code crds/} folder (Helm does not template it). */
final class Crd {
    static final Path FILE = RenderedChart.CHART.resolve("crds/foresight.dev_predictiveautoscalers.yaml");

    private Crd() {
    }

    static Map<String, Object> definition() {
        try {
            List<Map<String, Object>> documents = RenderedChart.parse(Files.readString(FILE));
            if (documents.size() != 1) {
                throw new IllegalStateException(FILE + " should hold one document, holds " + documents.size());
            }
            return documents.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> version(Map<String, Object> crd) {
        return Yamls.mapAt(crd, "spec", "versions", 0);
    }

    static Map<String, Object> rootSchema(Map<String, Object> crd) {
        return Yamls.mapAt(version(crd), "schema", "openAPIV3Schema");
    }

    static Map<String, Object> specSchema(Map<String, Object> crd) {
        return Yamls.mapAt(rootSchema(crd), "properties", "spec");
    }

    static Map<String, Object> statusSchema(Map<String, Object> crd) {
        return Yamls.mapAt(rootSchema(crd), "properties", "status");
    }

    /** A YAML file of the test resources, parsed. */
    static Map<String, Object> resource(String name) {
        try (var in = Crd.class.getResourceAsStream("/" + name)) {
            return Yamls.map(new org.yaml.snakeyaml.Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
