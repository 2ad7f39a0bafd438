package io.coffer.vault.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change of a version's properties; a null field means "leave as is". An empty operation list
 * also means "leave as is": the SDK sends {@code "key_ops":[]} with every update, and reading it as
 * "no operations" would strip keys on a routine disable. For nbf and exp an empty Optional clears.
 */
public record KeyUpdate(List<KeyOperation> operations, Boolean enabled, Optional<Instant> notBefore,
    Optional<Instant> expires, Map<String, String> tags) {}
