-- Customer-managed keys: what the owner configured (key id as given, versioned or not, and the
-- identity that reaches the vault), and the key's health on last use. kek_id stays the versioned
-- id of the key that wraps the data key now; rotated_at the time of the last successful rotation.
-- A registry under the service-managed key has key_identifier NULL.
ALTER TABLE registry_keys ADD COLUMN key_identifier VARCHAR(500);
ALTER TABLE registry_keys ADD COLUMN identity_kind VARCHAR(20);
ALTER TABLE registry_keys ADD COLUMN identity_principal_id VARCHAR(36);
ALTER TABLE registry_keys ADD COLUMN identity_client_id VARCHAR(36);
ALTER TABLE registry_keys ADD COLUMN identity_resource_id VARCHAR(500);
ALTER TABLE registry_keys ADD COLUMN key_rotation_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registry_keys ADD COLUMN key_health VARCHAR(30) NOT NULL DEFAULT 'HEALTHY';
ALTER TABLE registry_keys ADD COLUMN last_error TEXT;
ALTER TABLE registry_keys ADD COLUMN last_error_at BIGINT;
