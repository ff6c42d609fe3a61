package dev.foresight.serving.monitoring;

/**
 * Where a model version's reference comes from.
 *
 * @param source          {@code shipped} (its {@code profile.json}) or {@code first_requests}
 * @param description     the profile's own description, or how it was built
 * @param ready           whether the reference is complete (a built one: after its requests)
 * @param requestsNeeded  first_requests: requests the reference is built from
 * @param requestsSeen    first_requests: requests taken so far
 * @param error           why a {@code profile.json} was not used, or null
 */
public record ProfileStatus(String source, String description, boolean ready, long requestsNeeded,
                            long requestsSeen, String error) {
    public static final String SHIPPED = "shipped";
    public static final String FIRST_REQUESTS = "first_requests";
}
