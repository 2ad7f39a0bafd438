-- Keys of the vault data plane. Vaults are referenced by their internal id (no foreign key: the
-- vaults table belongs to the control plane). Names match case-insensitively through name_key.
-- Times are epoch milliseconds.

CREATE TABLE vault_keys (
  vault_id            VARCHAR(36)  NOT NULL,
  name_key            VARCHAR(127) NOT NULL,
  name                VARCHAR(127) NOT NULL,
  current_version     VARCHAR(32)  NOT NULL,
  rotation_policy     TEXT,
  policy_created_at   BIGINT,
  policy_updated_at   BIGINT,
  deleted_at          BIGINT,
  scheduled_purge_at  BIGINT,
  created_at          BIGINT       NOT NULL,
  PRIMARY KEY (vault_id, name_key)
);
CREATE INDEX vault_keys_by_purge ON vault_keys (scheduled_purge_at);

-- One row per key version. Software keys keep their private part (PKCS#8) only sealed under the
-- vault's root key; RSA-HSM keys keep only the alias of the key pair in the PKCS#11 token.
CREATE TABLE vault_key_versions (
  vault_id            VARCHAR(36)  NOT NULL,
  name_key            VARCHAR(127) NOT NULL,
  version             VARCHAR(32)  NOT NULL,
  kty                 VARCHAR(10)  NOT NULL,
  key_size            INTEGER      NOT NULL,
  curve               VARCHAR(10),
  key_ops             TEXT         NOT NULL,
  public_key          BLOB         NOT NULL,
  sealed_private_key  BLOB,
  hsm_alias           VARCHAR(200),
  enabled             BOOLEAN      NOT NULL,
  not_before          BIGINT,
  expires             BIGINT,
  tags                TEXT         NOT NULL,
  created_at          BIGINT       NOT NULL,
  updated_at          BIGINT       NOT NULL,
  PRIMARY KEY (vault_id, name_key, version)
);
CREATE INDEX vault_key_versions_by_created ON vault_key_versions (vault_id, name_key, created_at);
