package dev.foresight.serving.monitoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes a {@link ReferenceProfile} in the format {@link ProfileReader} reads, one tensor per line group. */
public final class ProfileWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ProfileWriter() {
    }

    public static String write(ReferenceProfile profile) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", ReferenceProfile.FORMAT);
            g.writeStringField("description", profile.description());
            g.writeArrayFieldStart("tensors");
            for (TensorProfile tensor : profile.tensors()) {
                g.writeStartObject();
                g.writeStringField("name", tensor.name());
                g.writeStringField("role", tensor.role().label());
                g.writeStringField("layout", tensor.layout().label());
                g.writeStringField("transform", tensor.transform().label());
                g.writeNumberField("observations", tensor.observations());
                g.writeArrayFieldStart("features");
                for (TensorProfile.Feature feature : tensor.features()) {
                    writeFeature(g, feature);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeFeature(JsonGenerator g, TensorProfile.Feature feature) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", feature.name());
        if (feature.reference() instanceof NumericReference numeric) {
            g.writeStringField("kind", "numeric");
            g.writeFieldName("edges");
            g.writeArray(numeric.edges(), 0, numeric.edges().length);
            g.writeFieldName("cdf");
            g.writeArray(numeric.cdf(), 0, numeric.cdf().length);
            g.writeNumberField("missing", numeric.missingShare());
        } else if (feature.reference() instanceof CategoricalReference categorical) {
            g.writeStringField("kind", "categorical");
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> entry : categorical.counts().entrySet()) {
                g.writeNumberField(entry.getKey(), entry.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
