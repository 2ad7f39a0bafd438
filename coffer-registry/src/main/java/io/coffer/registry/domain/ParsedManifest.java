package io.coffer.registry.domain;

import java.util.List;

/**
 * What the registry needs to know of a manifest: its type, the blobs and child manifests it
 * points at, and for the referrers API its subject and artifact type.
 */
public record ParsedManifest(String mediaType, List<Digest> blobs, List<Digest> manifests, Digest subject,
    String artifactType) {}
