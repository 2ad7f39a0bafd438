-- The managed identities of registries (the "identity" of a registry resource), and what its owner
-- sets beside its content (network rules and policies).

-- User-assigned identities assigned to a registry. The identity's ids are kept as they were at
-- assignment, so the registry still names an identity that was deleted since.
CREATE TABLE registry_user_identities (
  registry_id   VARCHAR(36)  NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
  principal_id  VARCHAR(36)  NOT NULL,
  client_id     VARCHAR(36)  NOT NULL,
  resource_id   VARCHAR(500) NOT NULL,
  assigned_at   BIGINT       NOT NULL,
  PRIMARY KEY (registry_id, principal_id)
);

-- A registry's system-assigned identity: its own principal (kind SYSTEM_IDENTITY), gone with it.
CREATE TABLE registry_system_identities (
  registry_id   VARCHAR(36)  PRIMARY KEY REFERENCES registries(id) ON DELETE CASCADE,
  principal_id  VARCHAR(36)  NOT NULL UNIQUE,
  tenant_id     VARCHAR(36)  NOT NULL,
  created_at    BIGINT       NOT NULL
);

-- networkRuleSet and policies; ip rules are a JSON array of addresses and CIDR ranges.
ALTER TABLE registries ADD COLUMN network_default_deny BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registries ADD COLUMN network_ip_rules TEXT NOT NULL DEFAULT '[]';
ALTER TABLE registries ADD COLUMN quarantine_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registries ADD COLUMN trust_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registries ADD COLUMN retention_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registries ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE registries ADD COLUMN retention_updated_at BIGINT;
