package io.coffer.control.application;

import io.coffer.control.domain.RegistryIdentity;
import io.coffer.control.domain.RegistryResource;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.encryption.EncryptionStatus;

/** Everything the registry resource's JSON shows. */
public record RegistryView(RegistryResource registry, RegistryIdentity identity, RegistrySettings settings,
    EncryptionStatus encryption, Long retentionUpdatedAt) {}
