package dev.foresight.serving;

import dev.foresight.serving.http.ShutdownDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import sun.misc.Signal;

/** Starts the model server. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).banner(false).start();
        ShutdownDrain drain = context.getBean(ShutdownDrain.class);
        // SIGTERM: readiness false first, then the graceful shutdown of the JVM's shutdown hooks.
        Signal.handle(new Signal("TERM"), signal -> new Thread(() -> {
            drain.begin();
            System.exit(0);
        }, "shutdown-drain").start());
    }
}
