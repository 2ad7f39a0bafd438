package io.coffer.control;

import io.coffer.common.PublicUrl;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.infrastructure.ControlPlaneRoutes;
import io.coffer.control.infrastructure.SqlControlStore;
import io.coffer.identity.TokenService;
import io.coffer.registry.RegistryComponents;
import io.coffer.storage.db.Database;
import io.coffer.vault.system.SystemKeyStore;
import io.javalin.Javalin;
import java.time.Clock;

/** Wires the control plane. */
public final class ControlComponents {
  public final ControlPlane controlPlane;
  private final ControlPlaneRoutes routes;

  public ControlComponents(Database db, RegistryComponents registry, SystemKeyStore systemKeys, TokenService tokens,
      PublicUrl publicUrl, Clock clock) {
    this.controlPlane = new ControlPlane(db, new SqlControlStore(), registry.administration,
        registry.garbageCollector, systemKeys, clock);
    this.routes = new ControlPlaneRoutes(controlPlane, tokens, publicUrl);
  }

  public void register(Javalin app) {
    routes.register(app);
  }
}
