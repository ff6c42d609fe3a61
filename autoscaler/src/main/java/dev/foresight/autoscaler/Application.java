package dev.foresight.autoscaler;

/** Entry point of the autoscaler; its commands arrive with the autoscaler issues. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        System.err.println("foresight-autoscaler: no command yet");
        System.exit(2);
    }
}
