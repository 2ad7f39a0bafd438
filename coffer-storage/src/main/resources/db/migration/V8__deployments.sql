-- Template deployments (Microsoft.Resources/deployments): the record of each run, by name in its
-- resource group, kept until deleted or until the group goes. The resources a deployment applied
-- are ordinary resources and do not reference it. Portable SQL as in V1.
CREATE TABLE deployments (
  subscription_id     VARCHAR(36)  NOT NULL,
  resource_group      VARCHAR(90)  NOT NULL,
  name_key            VARCHAR(64)  NOT NULL,
  name                VARCHAR(64)  NOT NULL,
  group_name          VARCHAR(90)  NOT NULL,
  provisioning_state  VARCHAR(20)  NOT NULL,
  -- the deployment's ARM 'properties' (parameters without secure values, outputs, error…) as JSON
  record              TEXT         NOT NULL,
  created_at          BIGINT       NOT NULL,
  updated_at          BIGINT       NOT NULL,
  PRIMARY KEY (subscription_id, resource_group, name_key),
  FOREIGN KEY (subscription_id, resource_group) REFERENCES resource_groups(subscription_id, name_key)
    ON DELETE CASCADE
);
