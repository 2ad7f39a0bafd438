package io.coffer.identity.rbac;

import java.util.List;

/** The role assignments held by one principal, at every scope. */
public interface RoleAssignmentLookup {
  List<RoleAssignment> forPrincipal(String principalId);
}
