package dev.foresight.serving.payloadlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.foresight.serving.protocol.InferResponseEncoder;
import dev.foresight.serving.protocol.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exchanges as CloudEvents 1.0 over HTTP. Each event's data is
 * {@code {"request": {"id", "inputs"}, "response": {"model_name", "model_version", "id", "outputs"}}},
 * the V2 JSON of both sides. Attributes: {@code specversion} 1.0, {@code id} (unique per source),
 * {@code source}, {@code type} {@value #TYPE}, {@code time}, {@code subject} ({@code model/version}),
 * and the extensions {@code model} and {@code modelversion}.
 */
final class CloudEvents {
    static final String TYPE = "dev.foresight.inference.exchange";
    static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private CloudEvents() {
    }

    /** Binary mode: the attributes as {@code ce-*} headers, in order. */
    static Map<String, String> headers(Exchange exchange, String id, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        attributes(exchange, id, source).forEach((name, value) -> headers.put("ce-" + name, value));
        return headers;
    }

    /** Binary mode: the event's data, the body. */
    static byte[] data(Exchange exchange) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeData(g, exchange);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Batched mode: a JSON array of structured events; ids are {@code firstId}, {@code firstId + 1}, ... */
    static byte[] batch(List<Exchange> exchanges, String idPrefix, long firstId, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * exchanges.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            long id = firstId;
            for (Exchange exchange : exchanges) {
                g.writeStartObject();
                for (Map.Entry<String, String> attribute : attributes(exchange, idPrefix + id++, source).entrySet()) {
                    g.writeStringField(attribute.getKey(), attribute.getValue());
                }
                g.writeStringField("datacontenttype", "application/json");
                g.writeFieldName("data");
                writeData(g, exchange);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, String> attributes(Exchange exchange, String id, String source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        attributes.put("id", id);
        attributes.put("source", source);
        attributes.put("type", TYPE);
        attributes.put("time", Instant.ofEpochMilli(exchange.epochMillis()).toString());
        attributes.put("subject", exchange.model() + "/" + exchange.version());
        attributes.put("model", exchange.model());
        attributes.put("modelversion", Long.toString(exchange.version()));
        return attributes;
    }

    private static void writeData(JsonGenerator g, Exchange exchange) throws IOException {
        String requestId = exchange.request().id();
        g.writeStartObject();
        g.writeObjectFieldStart("request");
        if (requestId != null) {
            g.writeStringField("id", requestId);
        }
        writeTensors(g, "inputs", exchange.request().inputs());
        g.writeEndObject();
        g.writeObjectFieldStart("response");
        g.writeStringField("model_name", exchange.model());
        g.writeStringField("model_version", Long.toString(exchange.version()));
        if (requestId != null) {
            g.writeStringField("id", requestId);
        }
        writeTensors(g, "outputs", exchange.outputs());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeTensors(JsonGenerator g, String field, List<Tensor> tensors) throws IOException {
        g.writeArrayFieldStart(field);
        for (Tensor tensor : tensors) {
            InferResponseEncoder.writeTensor(g, tensor);
        }
        g.writeEndArray();
    }
}
