package io.coffer.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link CofferConfig}: defaults, then the YAML file, then one environment variable per key
 * ({@code encryption.keyCacheTtl} is {@code COFFER_ENCRYPTION_KEY_CACHE_TTL}), then validation.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  public static CofferConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = YAML.valueToTree(new CofferConfig());
    if (file != null) {
      if (!Files.isRegularFile(file)) throw new ConfigException("config file not found: " + file);
      try {
        JsonNode fromFile = YAML.readTree(file.toFile());
        if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
          if (!fromFile.isObject()) throw new ConfigException(file + ": the top level must be a mapping");
          merge(tree, (ObjectNode) fromFile, "");
        }
      } catch (IOException e) {
        throw new ConfigException(file + ": " + e.getMessage());
      }
    }
    for (String key : keys()) {
      String value = env.get(envName(key));
      if (value != null) set(tree, key, value);
    }
    CofferConfig config;
    try {
      config = YAML.treeToValue(tree, CofferConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("unknown key '" + e.getPropertyName() + "' at " + path(e));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
    config.validate();
    return config;
  }

  private static String path(UnrecognizedPropertyException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
    }
    return sb.length() == 0 ? "top level" : sb.toString();
  }

  private static void merge(ObjectNode into, ObjectNode from, String prefix) {
    from.fields().forEachRemaining(e -> {
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode v) {
        merge(o, v, prefix + e.getKey() + ".");
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }

  private static void set(ObjectNode tree, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) node = node.with(parts[i]);
    node.put(parts[parts.length - 1], value);
  }

  /** Every configuration key, dotted, in declaration order. */
  public static List<String> keys() {
    List<String> out = new ArrayList<>();
    collect(CofferConfig.class, "", out);
    return out;
  }

  private static void collect(Class<?> type, String prefix, List<String> out) {
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) continue;
      Class<?> t = f.getType();
      if (t.getName().startsWith("io.coffer.config.CofferConfig$")) {
        collect(t, prefix + f.getName() + ".", out);
      } else {
        out.add(prefix + f.getName());
      }
    }
  }

  /** {@code encryption.keyCacheTtl} → {@code COFFER_ENCRYPTION_KEY_CACHE_TTL}. */
  public static String envName(String dottedKey) {
    String snake = dottedKey.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return "COFFER_" + snake.toUpperCase(java.util.Locale.ROOT);
  }

  public static String toYaml(CofferConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
