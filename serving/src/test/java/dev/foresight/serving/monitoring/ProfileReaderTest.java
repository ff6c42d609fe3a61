package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileReaderTest {
    private static final String VALID = """
            {"format": "foresight.profile.v1", "description": "two tensors",
             "tensors": [
               {"name": "user_id", "role": "input", "observations": 10,
                "features": [{"name": "all", "kind": "categorical", "counts": {"17850": 6, "12748": 4}}]},
               {"name": "x", "role": "input", "layout": "columns", "observations": 10,
                "features": [{"name": "0", "kind": "numeric", "edges": [0, 1], "cdf": [0.5, 1]},
                             {"name": "1", "kind": "numeric", "edges": [-1, 2.5], "cdf": [0.1, 1], "missing": 0.2}]}]}
            """;

    @Test
    void readsTensorsFeaturesAndDefaults() {
        ReferenceProfile profile = ProfileReader.parse(VALID);
        assertEquals("two tensors", profile.description());
        assertEquals(3, profile.featureCount());
        TensorProfile users = profile.tensors().get(0);
        assertEquals(TensorProfile.Layout.POOLED, users.layout());
        assertEquals(TensorProfile.Transform.NONE, users.transform());
        assertEquals(Map.of("17850", 6L, "12748", 4L), ((CategoricalReference) users.features().get(0).reference()).counts());
        NumericReference second = (NumericReference) profile.tensors().get(1).features().get(1).reference();
        assertEquals(0.2, second.missingShare());
    }

    @Test
    void whatTheWriterWritesReadsBackEqual() {
        ReferenceProfile profile = ProfileReader.parse(VALID);
        assertEquals(profile, ProfileReader.parse(ProfileWriter.write(profile)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"format\": \"other\", \"tensors\": []}|format must be",
        "[1, 2]|a JSON object",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": []}|tensors must be a non-empty array",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [], \"extra\": 1}|unknown key 'extra'",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"middle\", \"observations\": 1, \"features\": []}]}|tensors[0].role must be one of [input, output]",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"input\", \"observations\": 1, \"features\": [{\"name\": \"all\", \"kind\": \"numeric\", \"edges\": [1, 0], \"cdf\": [0.5, 1]}]}]}|tensors[0].features[0]: edges must be finite and strictly increasing",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"input\", \"observations\": 1, \"features\": [{\"name\": \"all\", \"kind\": \"histogram\"}]}]}|tensors[0].features[0].kind must be numeric or categorical",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"input\", \"observations\": 1, \"features\": [{\"name\": \"all\", \"kind\": \"categorical\", \"counts\": {\"a\": 1.5}}]}]}|the count of 'a' must be an integer",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"input\", \"observations\": 1, \"features\": [{\"name\": \"first\", \"kind\": \"categorical\", \"counts\": {\"a\": 1}}]}]}|a pooled tensor has one feature named 'all'",
        "{\"format\": \"foresight.profile.v1\", \"tensors\": [{\"name\": \"x\", \"role\": \"input\", \"transform\": \"standardize\", \"observations\": 1, \"features\": [{\"name\": \"all\", \"kind\": \"categorical\", \"counts\": {\"a\": 1}}]}]}|standardize applies to a pooled numeric tensor",
        "not json|not valid JSON"})
    void rejectsAnInvalidProfileNamingWhatIsWrong(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfileReader.parse(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rejectsATensorProfiledTwice() {
        String tensor = "{\"name\": \"x\", \"role\": \"input\", \"observations\": 1, \"features\": [{\"name\": \"all\","
                + " \"kind\": \"categorical\", \"counts\": {\"a\": 1}}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfileReader.parse(
                "{\"format\": \"foresight.profile.v1\", \"tensors\": [" + tensor + ", " + tensor + "]}"));
        assertTrue(e.getMessage().contains("profiled twice"), e.getMessage());
    }
}
