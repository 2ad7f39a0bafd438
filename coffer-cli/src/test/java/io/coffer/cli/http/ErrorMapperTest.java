package io.coffer.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMapperTest {
  private static CliException map(int status, String body) {
    return ErrorMapper.toException(new HttpResult(URI.create("http://h:1/x"), status,
        HttpHeaders.of(Map.of(), (a, b) -> true), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void toException_armError_codeAndMessage() {
    CliException e = map(400, "{\"error\":{\"code\":\"InvalidSku\",\"message\":\"bad sku\"}}");
    assertThat(e.getMessage()).isEqualTo("(InvalidSku) bad sku\nCode: InvalidSku\nMessage: bad sku");
    assertThat(e.exitCode()).isEqualTo(1);
  }

  @Test
  void toException_ociErrors_oneLineEach() {
    CliException e = map(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"},"
        + "{\"code\":\"NAME_UNKNOWN\",\"message\":\"no repo\"}]}");
    assertThat(e.getMessage()).isEqualTo("MANIFEST_UNKNOWN: manifest unknown\nNAME_UNKNOWN: no repo");
    assertThat(e.exitCode()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource({"400,1", "401,1", "403,1", "409,1", "500,1", "503,1", "404,3"})
  void toException_status_azExitCode(int status, int exitCode) {
    assertThat(map(status, "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}").exitCode()).isEqualTo(exitCode);
  }

  @Test
  void toException_notJson_statusText() {
    assertThat(map(403, "<html>").getMessage()).isEqualTo("Operation returned an invalid status code 'Forbidden'");
  }
}
