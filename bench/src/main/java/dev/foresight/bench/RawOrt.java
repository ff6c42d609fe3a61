package dev.foresight.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows per second of ONNX Runtime called directly (no server, no DJL): {@code threads} Java
 * threads share one session with one intra-op thread, each calling it with {@code batch} rows.
 */
final class RawOrt {
    private RawOrt() {
    }

    /** The input of one call: a FP32 matrix or an INT64 vector. */
    interface Feed {
        OnnxTensor create(OrtEnvironment env, int batch) throws OrtException;
    }

    static Feed floats(int columns) {
        return (env, batch) -> {
            float[] data = new float[batch * columns];
            for (int i = 0; i < data.length; i++) {
                data[i] = (i % 17) / 17f;
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {batch, columns});
        };
    }

    static Feed userIds(long[] ids) {
        return (env, batch) -> {
            long[] data = new long[batch];
            for (int i = 0; i < batch; i++) {
                data[i] = ids[i % ids.length];
            }
            return OnnxTensor.createTensor(env, LongBuffer.wrap(data), new long[] {batch});
        };
    }

    /** Rows per second, and the CPU time the calling threads spent per row (ORT runs on them). */
    record Rate(double rowsPerSecond, double cpuMicrosPerRow) {
    }

    static Rate rowsPerSecond(Path model, String input, Feed feed, int batch, int threads, double seconds)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options)) {
                run(session, env, input, feed, batch, 1, Math.min(1.0, seconds / 3)); // warm-up
                return run(session, env, input, feed, batch, threads, seconds);
            }
        }
    }

    private static Rate run(OrtSession session, OrtEnvironment env, String input, Feed feed, int batch,
                            int threads, double seconds) throws Exception {
        LongAdder rows = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        // A new input tensor per call, as a server must create one per request.
                        try (OnnxTensor tensor = feed.create(env, batch);
                             OrtSession.Result result = session.run(Map.of(input, tensor))) {
                            rows.add(batch);
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
                cpuNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Rate(rows.sum() / ((System.nanoTime() - started) / 1e9), cpuNanos.sum() / 1e3 / rows.sum());
    }
}
