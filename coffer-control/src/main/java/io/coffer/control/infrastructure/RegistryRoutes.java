package io.coffer.control.infrastructure;

import io.coffer.common.PublicUrl;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.domain.RegistryResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code Microsoft.ContainerRegistry/registries}: create, update, read, list, delete and the registry actions. */
final class RegistryRoutes {
  private final ControlPlane control;
  private final PublicUrl publicUrl;

  RegistryRoutes(ControlPlane control, PublicUrl publicUrl) {
    this.control = control;
    this.publicUrl = publicUrl;
  }

  /** {@code rest}: the path after {@code .../registries} (empty, {@code [name]} or {@code [name, action]}). */
  void handle(ArmCall call, String groupOrNull, List<String> rest) {
    if (rest.isEmpty() && call.method().equals("GET")) {
      list(call, groupOrNull);
    } else if (groupOrNull != null && rest.size() == 1) {
      registry(call, groupOrNull, rest.get(0));
    } else if (groupOrNull != null && rest.size() == 2 && call.method().equals("POST")) {
      action(call, control.registry(call.sub(), groupOrNull, rest.get(0)), rest.get(1).toLowerCase(Locale.ROOT));
    } else {
      throw call.notFound();
    }
  }

  private String host(ArmCall call) {
    return publicUrl.authority(call.ctx().host());
  }

  private void list(ArmCall call, String group) {
    List<Object> list = new ArrayList<>();
    for (RegistryResource r : control.registries(call.sub(), group)) {
      list.add(ArmJson.registry(control.view(r), host(call)));
    }
    call.json(200, Map.of("value", list));
  }

  private void registry(ArmCall call, String group, String name) {
    String sub = call.sub();
    switch (call.method()) {
      case "GET" -> call.json(200, ArmJson.registry(control.view(control.registry(sub, group, name)), host(call)));
      case "PUT", "PATCH" -> {
        boolean patch = call.method().equals("PATCH");
        if (patch) control.registry(sub, group, name);
        var result = control.putRegistry(sub, group, name, RegistryBodies.read(call.body()), call.caller().name(),
            patch);
        call.json(result.created() ? 201 : 200, ArmJson.registry(control.view(result.value()), host(call)));
      }
      case "DELETE" -> {
        try {
          control.deleteRegistry(control.registry(sub, group, name));
          call.ctx().status(200);
        } catch (ControlException e) {
          if (e.kind() != Kind.NOT_FOUND) throw e;
          call.ctx().status(204);
        }
      }
      default -> throw call.notFound();
    }
  }

  private void action(ArmCall call, RegistryResource r, String action) {
    switch (action) {
      case "listcredentials" -> call.json(200, ArmJson.credentials(r, control.credentials(r)));
      case "regeneratecredential" -> {
        String name = ArmCall.text(call.body(), "name");
        call.json(200, ArmJson.credentials(r, control.regenerate(r, name == null ? "" : name)));
      }
      case "garbagecollect" -> {
        var result = control.collectGarbage(r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blobsDeleted", result.blobsDeleted());
        m.put("bytesFreed", result.bytesFreed());
        m.put("uploadsExpired", result.uploadsExpired());
        call.json(200, m);
      }
      default -> throw call.notFound();
    }
  }
}
