-- Quarantine: a manifest pushed while its registry's quarantine policy is on starts 'Quarantined'
-- and cannot be pulled until released ('Passed'). NULL: pushed without quarantine.
ALTER TABLE manifests ADD COLUMN quarantine_state VARCHAR(20);

-- Retention looks for old manifests repository by repository.
CREATE INDEX manifests_by_age ON manifests (repository_id, created_at);
