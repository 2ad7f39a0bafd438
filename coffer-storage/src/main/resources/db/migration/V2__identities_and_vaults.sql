-- Identities, role assignments and key vaults (control plane). Portable SQL as in V1.

-- Users get a display name (Graph's displayName); existing users keep their sign-in name.
ALTER TABLE users ADD COLUMN display_name VARCHAR(200);

-- User-assigned managed identities. The principal id is the identity's object id in tokens,
-- access policies and role assignments; the client id is what a workload names it by.
CREATE TABLE managed_identities (
  id               VARCHAR(36)  PRIMARY KEY,
  subscription_id  VARCHAR(36)  NOT NULL,
  resource_group   VARCHAR(90)  NOT NULL,
  group_name       VARCHAR(90)  NOT NULL,
  name_key         VARCHAR(128) NOT NULL,
  name             VARCHAR(128) NOT NULL,
  location         VARCHAR(100) NOT NULL,
  tags             TEXT         NOT NULL,
  tenant_id        VARCHAR(36)  NOT NULL,
  principal_id     VARCHAR(36)  NOT NULL UNIQUE,
  client_id        VARCHAR(36)  NOT NULL UNIQUE,
  created_at       BIGINT       NOT NULL,
  UNIQUE (subscription_id, resource_group, name_key),
  FOREIGN KEY (subscription_id, resource_group) REFERENCES resource_groups(subscription_id, name_key)
);

-- Microsoft.Authorization/roleAssignments. scope is the canonical ARM id the role applies to
-- (subscription, group, vault, or vault key); scope_key its lower-case form for matching.
CREATE TABLE role_assignments (
  name                VARCHAR(36)   PRIMARY KEY,
  scope               VARCHAR(1000) NOT NULL,
  scope_key           VARCHAR(1000) NOT NULL,
  role_definition_id  VARCHAR(300)  NOT NULL,
  principal_id        VARCHAR(36)   NOT NULL,
  principal_type      VARCHAR(40)   NOT NULL,
  created_at          BIGINT        NOT NULL,
  created_by          VARCHAR(200)  NOT NULL,
  UNIQUE (scope_key, role_definition_id, principal_id)
);
CREATE INDEX role_assignments_by_principal ON role_assignments (principal_id);

-- Key vaults. A name is unique across active and soft-deleted vaults alike (deleted_at set).
-- The group is kept by key (lower case) and name, without a foreign key: deleting a group leaves
-- its vaults soft-deleted and recoverable.
CREATE TABLE vaults (
  id                 VARCHAR(36)  PRIMARY KEY,
  name_key           VARCHAR(24)  NOT NULL UNIQUE,
  name               VARCHAR(24)  NOT NULL,
  subscription_id    VARCHAR(36)  NOT NULL,
  resource_group     VARCHAR(90)  NOT NULL,
  group_name         VARCHAR(90)  NOT NULL,
  location           VARCHAR(100) NOT NULL,
  tenant_id          VARCHAR(36)  NOT NULL,
  sku                VARCHAR(20)  NOT NULL,
  rbac_authorization BOOLEAN      NOT NULL,
  purge_protection   BOOLEAN      NOT NULL,
  retention_days     INTEGER      NOT NULL,
  default_action     VARCHAR(10)  NOT NULL,
  bypass             VARCHAR(20)  NOT NULL,
  tags               TEXT         NOT NULL,
  created_at         BIGINT       NOT NULL,
  created_by         VARCHAR(200) NOT NULL,
  deleted_at         BIGINT
);
CREATE INDEX vaults_by_group ON vaults (subscription_id, resource_group);

-- One access policy entry per principal; key_permissions holds wire names separated by spaces.
CREATE TABLE vault_access_policies (
  vault_id         VARCHAR(36)  NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  object_id        VARCHAR(36)  NOT NULL,
  tenant_id        VARCHAR(36)  NOT NULL,
  key_permissions  VARCHAR(400) NOT NULL,
  position         INTEGER      NOT NULL,
  PRIMARY KEY (vault_id, object_id)
);

-- Firewall addresses and CIDR ranges, in the order given.
CREATE TABLE vault_ip_rules (
  vault_id  VARCHAR(36) NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  position  INTEGER     NOT NULL,
  value     VARCHAR(64) NOT NULL,
  PRIMARY KEY (vault_id, position)
);
