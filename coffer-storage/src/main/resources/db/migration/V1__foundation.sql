-- Portable SQL (SQLite and PostgreSQL): no autoincrement, ids are made by the application,
-- times are epoch milliseconds.

CREATE TABLE subscriptions (
  id            VARCHAR(36)  PRIMARY KEY,
  tenant_id     VARCHAR(36)  NOT NULL,
  display_name  VARCHAR(200) NOT NULL,
  created_at    BIGINT       NOT NULL
);

CREATE TABLE users (
  id             VARCHAR(36)  PRIMARY KEY,
  name           VARCHAR(200) NOT NULL UNIQUE,
  password_hash  VARCHAR(400) NOT NULL,
  is_admin       BOOLEAN      NOT NULL,
  created_at     BIGINT       NOT NULL
);

CREATE TABLE resource_groups (
  subscription_id VARCHAR(36)  NOT NULL REFERENCES subscriptions(id),
  name_key        VARCHAR(90)  NOT NULL,
  name            VARCHAR(90)  NOT NULL,
  location        VARCHAR(100) NOT NULL,
  tags            TEXT         NOT NULL,
  created_at      BIGINT       NOT NULL,
  PRIMARY KEY (subscription_id, name_key)
);

CREATE TABLE registries (
  id                      VARCHAR(36)  PRIMARY KEY,
  name_key                VARCHAR(50)  NOT NULL UNIQUE,
  name                    VARCHAR(50)  NOT NULL,
  subscription_id         VARCHAR(36)  NOT NULL,
  resource_group          VARCHAR(90)  NOT NULL,
  location                VARCHAR(100) NOT NULL,
  sku                     VARCHAR(20)  NOT NULL,
  admin_user_enabled      BOOLEAN      NOT NULL,
  anonymous_pull_enabled  BOOLEAN      NOT NULL,
  tags                    TEXT         NOT NULL,
  created_at              BIGINT       NOT NULL,
  created_by              VARCHAR(200) NOT NULL,
  FOREIGN KEY (subscription_id, resource_group) REFERENCES resource_groups(subscription_id, name_key)
);

-- Registry admin passwords: a hash to check them, and a copy sealed under the registry's data
-- key because 'credential show' must return them.
CREATE TABLE registry_credentials (
  registry_id    VARCHAR(36) NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
  name           VARCHAR(20) NOT NULL,
  password_hash  VARCHAR(400) NOT NULL,
  sealed_value   BLOB        NOT NULL,
  PRIMARY KEY (registry_id, name)
);

-- The registry's data key, only ever stored wrapped by a key-encryption key.
CREATE TABLE registry_keys (
  registry_id   VARCHAR(36)  PRIMARY KEY REFERENCES registries(id) ON DELETE CASCADE,
  wrapped_dek   BLOB         NOT NULL,
  kek_id        VARCHAR(500) NOT NULL,
  created_at    BIGINT       NOT NULL,
  rotated_at    BIGINT
);

CREATE TABLE repositories (
  id           VARCHAR(36)  PRIMARY KEY,
  registry_id  VARCHAR(36)  NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
  name         VARCHAR(255) NOT NULL,
  created_at   BIGINT       NOT NULL,
  updated_at   BIGINT       NOT NULL,
  UNIQUE (registry_id, name)
);

-- Content is stored once per registry, addressed by digest.
CREATE TABLE blobs (
  registry_id  VARCHAR(36)  NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
  digest       VARCHAR(200) NOT NULL,
  size         BIGINT       NOT NULL,
  created_at   BIGINT       NOT NULL,
  PRIMARY KEY (registry_id, digest)
);

-- Which blobs a repository may serve (uploaded or mounted into it).
CREATE TABLE repository_blobs (
  repository_id VARCHAR(36)  NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  digest        VARCHAR(200) NOT NULL,
  created_at    BIGINT       NOT NULL,
  PRIMARY KEY (repository_id, digest)
);

CREATE TABLE manifests (
  repository_id   VARCHAR(36)  NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  digest          VARCHAR(200) NOT NULL,
  media_type      VARCHAR(255) NOT NULL,
  size            BIGINT       NOT NULL,
  artifact_type   VARCHAR(255),
  subject_digest  VARCHAR(200),
  created_at      BIGINT       NOT NULL,
  PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_by_subject ON manifests (repository_id, subject_digest);

-- What a manifest points at: blobs (config, layers) and child manifests.
CREATE TABLE manifest_refs (
  repository_id    VARCHAR(36)  NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  manifest_digest  VARCHAR(200) NOT NULL,
  ref_digest       VARCHAR(200) NOT NULL,
  PRIMARY KEY (repository_id, manifest_digest, ref_digest)
);
CREATE INDEX manifest_refs_by_ref ON manifest_refs (ref_digest);

CREATE TABLE tags (
  repository_id    VARCHAR(36)  NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  name             VARCHAR(128) NOT NULL,
  manifest_digest  VARCHAR(200) NOT NULL,
  updated_at       BIGINT       NOT NULL,
  PRIMARY KEY (repository_id, name)
);

CREATE TABLE uploads (
  id           VARCHAR(36)  PRIMARY KEY,
  registry_id  VARCHAR(36)  NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
  repository   VARCHAR(255) NOT NULL,
  chunk_count  INTEGER      NOT NULL,
  size         BIGINT       NOT NULL,
  started_at   BIGINT       NOT NULL,
  updated_at   BIGINT       NOT NULL
);
