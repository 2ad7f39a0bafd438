package io.coffer.vault.http;

import java.util.Locale;
import java.util.Map;

/**
 * A parsed data-plane request: operation, key name and version (null or empty for the latest).
 * Path segments match case-insensitively, a trailing slash is ignored and an empty version segment
 * ({@code /keys/n//wrapkey}) means the latest version, as the SDKs send them.
 */
record Route(Operation operation, String name, String version) {
  private static final Map<String, Operation> CRYPTO = Map.of("encrypt", Operation.ENCRYPT,
      "decrypt", Operation.DECRYPT, "wrapkey", Operation.WRAP_KEY, "unwrapkey", Operation.UNWRAP_KEY,
      "sign", Operation.SIGN, "verify", Operation.VERIFY);

  static Route match(String method, String rawPath) {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    String[] s = p.split("/", -1);
    String root = s[0].toLowerCase(Locale.ROOT);
    int n = s.length;
    Route r = null;
    if (root.equals("keys")) {
      r = keys(method, s);
    } else if (root.equals("deletedkeys")) {
      if (n == 1 && method.equals("GET")) r = new Route(Operation.LIST_DELETED, null, null);
      else if (n == 2 && method.equals("GET")) r = new Route(Operation.GET_DELETED, s[1], null);
      else if (n == 2 && method.equals("DELETE")) r = new Route(Operation.PURGE, s[1], null);
      else if (n == 3 && word(s[2]).equals("recover") && method.equals("POST")) {
        r = new Route(Operation.RECOVER, s[1], null);
      }
    }
    if (r == null) {
      throw VaultHttpException.badParameter("The operation " + method + " " + rawPath
          + " is not supported by this vault.");
    }
    return r;
  }

  private static Route keys(String method, String[] s) {
    int n = s.length;
    if (n == 1) return method.equals("GET") ? new Route(Operation.LIST, null, null) : null;
    String name = s[1];
    if (n == 2) {
      return switch (method) {
        case "GET" -> new Route(Operation.GET, name, null);
        case "PUT" -> new Route(Operation.IMPORT, name, null);
        case "PATCH" -> new Route(Operation.UPDATE, name, null);
        case "DELETE" -> new Route(Operation.DELETE, name, null);
        // POST /keys/restore: no other operation posts to a bare key name.
        case "POST" -> word(name).equals("restore") ? new Route(Operation.RESTORE, null, null) : null;
        default -> null;
      };
    }
    String third = word(s[2]);
    if (n == 3) {
      switch (third) {
        case "create":
          return method.equals("POST") ? new Route(Operation.CREATE, name, null) : null;
        case "backup":
          return method.equals("POST") ? new Route(Operation.BACKUP, name, null) : null;
        case "versions":
          return method.equals("GET") ? new Route(Operation.LIST_VERSIONS, name, null) : null;
        case "rotate":
          return method.equals("POST") ? new Route(Operation.ROTATE, name, null) : null;
        case "rotationpolicy":
          return method.equals("GET") ? new Route(Operation.GET_ROTATION_POLICY, name, null)
              : method.equals("PUT") ? new Route(Operation.SET_ROTATION_POLICY, name, null) : null;
        default:
          if (CRYPTO.containsKey(third)) return method.equals("POST") ? new Route(CRYPTO.get(third), name, null) : null;
          return switch (method) {
            case "GET" -> new Route(Operation.GET, name, s[2]);
            case "PATCH" -> new Route(Operation.UPDATE, name, s[2]);
            default -> null;
          };
      }
    }
    Operation op = CRYPTO.get(word(s[3]));
    return n == 4 && op != null && method.equals("POST") ? new Route(op, name, s[2]) : null;
  }

  private static String word(String segment) {
    return segment.toLowerCase(Locale.ROOT);
  }
}
