package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A template resource whose type, name and dependencies are known: {@code id} is where it is PUT,
 * {@code dependsOn} the ids of the template resources it waits for, {@code declaration} the raw
 * resource (its body is evaluated only when it is applied, so {@code reference()} sees the
 * resources applied before it).
 */
public record PlannedResource(int index, String type, String apiVersion, String name, String id,
    List<String> dependsOn, ObjectNode declaration) {}
