package dev.foresight.serving.inference.graph;

import java.util.Set;

/**
 * One check that a rewritten graph makes around an integer {@code Div} or {@code Mod}: the
 * graph output {@code output} marks the elements that would have trapped (a zero divisor, or the
 * signed minimum divided by -1), which were computed with a divisor of 1 instead: a BOOL tensor,
 * true where they are, or an INT64 scalar that counts them (a node inside a subgraph). Any mark
 * means the request must be refused with {@code message}.
 *
 * @param output  the hidden graph output holding the marks
 * @param message what went wrong, naming the node and where its divisor comes from
 * @param feeds   the graph outputs computed from the guarded node: the check matters only to
 *                requests that ask for one of them
 */
public record DivisionGuard(String output, String message, Set<String> feeds) {
    public DivisionGuard {
        feeds = Set.copyOf(feeds);
    }
}
