package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;

/** A template parameter: its type and what constrains its value; {@code defaultValue} may be an expression. */
public record ParameterDefinition(String name, ParameterType type, JsonNode defaultValue, JsonNode allowedValues,
    Long minValue, Long maxValue, Long minLength, Long maxLength) {}
