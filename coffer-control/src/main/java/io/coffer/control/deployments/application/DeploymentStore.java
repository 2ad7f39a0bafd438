package io.coffer.control.deployments.application;

import io.coffer.control.deployments.Deployment;
import java.util.List;
import java.util.Optional;

/** Finished deployments, kept across restarts; names and groups are matched ignoring case. */
public interface DeploymentStore {
  Optional<Deployment> find(String subscription, String group, String name);

  List<Deployment> list(String subscription, String group);

  /** Creates or replaces the record of that name. */
  void save(Deployment deployment);

  /** False when there was none. */
  boolean delete(String subscription, String group, String name);
}
