package io.coffer.vault.access;

/**
 * Who calls the vault data plane, from a verified token: the principal's object id and tenant,
 * whether it is a trusted service (a Coffer resource calling with its system-assigned identity,
 * which {@code bypass AzureServices} lets through the firewall), and the client IP address.
 */
public record Caller(String objectId, String tenantId, String name, boolean trustedService, String clientIp) {}
