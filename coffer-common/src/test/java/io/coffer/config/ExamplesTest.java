package io.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every configuration in examples/ loads and validates. */
class ExamplesTest {
  @Test
  void load_everyExample_isValid() throws Exception {
    Path examples = Path.of("..", "examples");
    try (Stream<Path> files = Files.list(examples)) {
      var yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yamls).isNotEmpty();
      for (Path p : yamls) assertThat(ConfigLoader.load(p, Map.of())).as(p.toString()).isNotNull();
    }
  }
}
