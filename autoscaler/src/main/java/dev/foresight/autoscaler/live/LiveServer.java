package dev.foresight.autoscaler.live;

import io.micronaut.runtime.Micronaut;

/** Starts the live autoscaler (Micronaut, port 8080); kept apart so {@code backtest} never loads the framework. */
public final class LiveServer {
    private LiveServer() {
    }

    public static void run(String[] args) {
        Micronaut.build(args).mainClass(LiveServer.class).banner(false).start();
    }
}
