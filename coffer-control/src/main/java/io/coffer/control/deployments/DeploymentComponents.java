package io.coffer.control.deployments;

import io.coffer.control.deployments.application.DeploymentService;
import io.coffer.control.deployments.infrastructure.DeploymentRoutes;
import io.coffer.control.deployments.infrastructure.LoopbackArm;
import io.coffer.control.deployments.infrastructure.OwnAddress;
import io.coffer.control.deployments.infrastructure.SqlDeployments;
import io.coffer.storage.db.Database;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Wires template deployments. They apply resources through the server's own ARM edge over
 * loopback, at the address the app listens on, known once it has started ({@link OwnAddress#of}).
 */
public final class DeploymentComponents {
  private final Database db;
  private final Clock clock;

  public DeploymentComponents(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Mount before the ARM edge answers: the routes are a before-handler on {@code /subscriptions/*}. */
  public void register(Javalin app) {
    DeploymentService service = new DeploymentService(new LoopbackArm(OwnAddress.of(app)), new SqlDeployments(db), clock);
    new DeploymentRoutes(service).register(app);
  }
}
