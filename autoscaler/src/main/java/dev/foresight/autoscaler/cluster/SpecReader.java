package dev.foresight.autoscaler.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.foresight.autoscaler.resource.DurationText;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Reads a {@code spec} as the API server stores it into {@link PredictiveAutoscalerSpec}. The
 * records' compact constructors apply defaults and validation; any failure comes back as
 * {@link InvalidSpecException} with a message fit for the resource's status (the field path and
 * what is wrong).
 */
public final class SpecReader {
    /** A spec that cannot be used, and why. */
    public static final class InvalidSpecException extends Exception {
        public InvalidSpecException(String message) {
            super(message);
        }
    }

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
                @Override
                public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    try {
                        return DurationText.parse(parser.getValueAsString());
                    } catch (IllegalArgumentException e) {
                        throw JsonMappingException.from(parser, e.getMessage(), e);
                    }
                }
            }));

    public PredictiveAutoscalerSpec read(JsonNode spec) throws InvalidSpecException {
        if (spec == null || !spec.isObject()) {
            throw new InvalidSpecException("spec is missing");
        }
        try {
            return json.treeToValue(spec, PredictiveAutoscalerSpec.class);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new InvalidSpecException(path.isEmpty() || message.contains(path)
                    ? message : "spec." + path + ": " + message);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSpecException(e.getMessage());
        }
    }
}
