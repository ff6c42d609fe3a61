package dev.foresight.serving.inference.graph;

import java.util.List;
import java.util.Set;

/**
 * One check that a rewritten graph makes around an integer {@code Div} or {@code Mod}: the graph
 * output {@code output}, an INT64 scalar, counts the elements that would have trapped (a zero
 * divisor, or the signed minimum divided by -1), which were computed with a divisor of 1 instead.
 * A count above zero means the request must be refused. It is the one value a run fetches for
 * the node: which of several causes it was is asked only then, from each cause's own output.
 *
 * @param output the hidden graph output holding the count
 * @param causes what can have gone wrong, each with its own hidden output (a BOOL tensor true
 *               where it happened, or an INT64 count) when there are several, and the message
 *               that names the node and where its inputs come from
 * @param feeds  the graph outputs computed from the guarded node: the check matters only to
 *               requests that ask for one of them
 */
public record DivisionGuard(String output, List<Cause> causes, Set<String> feeds) {
    /** One way the node can trap: the output that marks it (when there are several) and the message. */
    public record Cause(String output, String message) {
    }

    public DivisionGuard {
        causes = List.copyOf(causes);
        feeds = Set.copyOf(feeds);
    }

    /** The message when the count is above zero and no cause is asked: the only one, or all of them. */
    public String message() {
        return causes.size() == 1 ? causes.get(0).message()
                : String.join("; or ", causes.stream().map(Cause::message).toList());
    }
}
