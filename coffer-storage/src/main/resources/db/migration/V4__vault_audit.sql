-- The vault audit log: append-only and hash-chained. Each entry's hash is SHA-256 over the
-- previous entry's hash and a length-prefixed encoding of its own fields (see
-- io.coffer.vault.audit.AuditChain); sequence numbers start at 1 and have no gaps.
-- vault_key is the lower-cased vault name, for per-vault listing; it is not part of the hash,
-- verification checks it against vault_name.

CREATE TABLE vault_audit (
  sequence          BIGINT       PRIMARY KEY,
  event_time        BIGINT       NOT NULL,
  caller_object_id  VARCHAR(200),
  client_ip         VARCHAR(100),
  vault_name        VARCHAR(100) NOT NULL,
  vault_key         VARCHAR(100) NOT NULL,
  key_name          VARCHAR(300),
  key_version       VARCHAR(100),
  operation         VARCHAR(100) NOT NULL,
  result            VARCHAR(300) NOT NULL,
  hash              VARCHAR(64)  NOT NULL
);

CREATE INDEX vault_audit_by_vault ON vault_audit (vault_key, sequence);
