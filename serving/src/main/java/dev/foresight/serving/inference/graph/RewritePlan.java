package dev.foresight.serving.inference.graph;

import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the rewrites of one model have to tell its session, collected as they run. */
final class RewritePlan {
    final Map<String, Tensor> defaults = new LinkedHashMap<>();
    final List<TensorSpec> optionalInputs = new ArrayList<>();
    final Map<String, RewrittenModel.RetypedInput> retypedInputs = new LinkedHashMap<>();
    final List<DivisionGuard> guards = new ArrayList<>();
}
