package io.pipelinemanager.war.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises OpenAPI documents so that only meaningful drift counts: object keys sorted, the
 * deployment-specific {@code servers} dropped, output pretty-printed with a trailing newline.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiDocuments() {
    }

    /** The normalised text of a JSON document. */
    public static String normalise(String document) {
        try {
            JsonNode root = JSON.readTree(document);
            if (root instanceof ObjectNode object) {
                object.remove("servers");
            }
            return JSON.writeValueAsString(sorted(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON document", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            fields.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            items.forEach(result::add);
            return result;
        }
        return node;
    }
}
