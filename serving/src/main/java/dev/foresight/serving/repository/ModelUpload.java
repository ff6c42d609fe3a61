package dev.foresight.serving.repository;

import dev.foresight.serving.inference.SessionSettings;
import dev.foresight.serving.protocol.BadRequestException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files sent with a load request, in Triton's shape: {@code "config"} (the model's config.json
 * text) and {@code "file:<version>/model.onnx"} (base64 of a model file). Only those two kinds of
 * path are accepted, so nothing can be written outside {@code <root>/<model>/}. Each file is
 * written beside its target and moved in atomically, so the poller never sees half a file.
 */
public final class ModelUpload {
    private static final Pattern FILE_KEY = Pattern.compile("file:([0-9]+)/model\\.onnx");

    private final Map<Path, byte[]> files;

    private ModelUpload(Map<Path, byte[]> files) {
        this.files = files;
    }

    /**
     * Checks the parameters of a load request.
     *
     * @throws BadRequestException naming the parameter that is wrong
     */
    public static ModelUpload of(String model, Map<String, String> parameters) {
        if (!Names.isValidModelName(model)) {
            throw new BadRequestException("invalid model name '" + model + "'");
        }
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            String value = parameter.getValue();
            if (key.equals("config")) {
                try {
                    ModelConfig.parse(value, SessionSettings.DEFAULT);
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("parameter 'config': " + e.getMessage());
                }
                files.put(Path.of(ModelConfig.FILE_NAME), value.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            Matcher file = FILE_KEY.matcher(key);
            if (!file.matches() || Names.parseVersion(file.group(1)).isEmpty()) {
                throw new BadRequestException("unknown parameter '" + key
                        + "': expected 'config' or 'file:<version>/model.onnx' (version a positive integer)");
            }
            try {
                files.put(Path.of(file.group(1), RepositoryDirectory.MODEL_FILE), Base64.getDecoder().decode(value));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("parameter '" + key + "' is not valid base64: " + e.getMessage());
            }
        }
        return new ModelUpload(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Writes the files under {@code <root>/<model>/}. */
    public void writeTo(Path root, String model) {
        Path directory = root.resolve(model).normalize();
        if (!directory.getParent().equals(root.normalize())) {
            throw new BadRequestException("invalid model name '" + model + "'");
        }
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey()).normalize();
                if (!target.startsWith(directory)) {
                    throw new BadRequestException("invalid path " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Path staging = Files.createTempFile(directory, ".upload-", ".tmp");
                try {
                    Files.write(staging, file.getValue());
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(staging);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model files: " + e.getMessage(), e);
        }
    }
}
