package io.coffer.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies short-lived RS256 tokens. Signing keys live in {@code DIR/keys/token-keys.json}
 * (0600); the newest signs, older ones still verify until dropped, and the public halves are
 * published as a JWKS.
 */
public final class TokenService {
  public static final String MANAGEMENT_AUDIENCE = "coffer-management";
  private final Path keyFile;
  private final String issuer;
  private volatile List<RSAKey> keys;
  private volatile Map<String, RSASSAVerifier> verifiers = Map.of();
  private volatile String tenantId;
  // Tokens whose signature checked out, with their claims: a client sends the same token with
  // every call until it expires, and checking the signature and decoding it again each time would
  // cost more than the operation it authorises. Time, audience and use are still checked per call.
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private static final int VERIFIED_CACHE_SIZE = 10_000;

  private record Verified(JWTClaimsSet claims, Instant expiresAt) {}

  private TokenService(Path keyFile, String issuer, List<RSAKey> keys) {
    this.keyFile = keyFile;
    this.issuer = issuer;
    useKeys(keys);
  }

  private void useKeys(List<RSAKey> next) {
    Map<String, RSASSAVerifier> byId = new HashMap<>();
    try {
      for (RSAKey k : next) byId.put(k.getKeyID(), new RSASSAVerifier(k));
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable token signing key", e);
    }
    keys = List.copyOf(next);
    verifiers = Map.copyOf(byId);
    verified.clear(); // a key that left must not keep its tokens alive
  }

  public static TokenService open(Path keysDir, String issuer) throws IOException {
    Files.createDirectories(keysDir);
    Path file = keysDir.resolve("token-keys.json");
    TokenService service;
    if (Files.exists(file)) {
      try {
        List<RSAKey> loaded = new ArrayList<>();
        JWKSet.load(file.toFile()).getKeys().forEach(k -> loaded.add(k.toRSAKey()));
        service = new TokenService(file, issuer, loaded);
      } catch (ParseException e) {
        throw new IOException("cannot read token signing keys " + file + ": " + e.getMessage(), e);
      }
    } else {
      service = new TokenService(file, issuer, List.of());
      service.rotateSigningKey();
    }
    return service;
  }

  /**
   * Rotates the signing key once the current one is older than {@code maxAge}; returns whether it
   * did. Run on a schedule, with {@code maxAge} at least the longest token lifetime, so that the
   * key dropped by a rotation signed nothing still valid.
   */
  public synchronized boolean rotateIfOlderThan(Duration maxAge) throws IOException {
    Date issued = keys.isEmpty() ? null : keys.get(0).getIssueTime();
    if (issued != null && issued.toInstant().plus(maxAge).isAfter(Instant.now())) return false;
    rotateSigningKey();
    return true;
  }

  /** Adds a new signing key; the previous one keeps verifying tokens already issued. */
  public synchronized void rotateSigningKey() throws IOException {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID(Ids.hex(8)).issueTime(new Date()).generate();
      List<RSAKey> next = new ArrayList<>();
      next.add(key);
      if (!keys.isEmpty()) next.add(keys.get(0));
      Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, new JWKSet(new ArrayList<>(next)).toString(false));
      Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      useKeys(next);
    } catch (JOSEException e) {
      throw new IOException(e);
    }
  }

  /** The public verification keys, as served at the JWKS endpoint. */
  public Map<String, Object> jwks() {
    return new JWKSet(new ArrayList<>(keys)).toPublicJWKSet().toJSONObject();
  }

  public String issuer() {
    return issuer;
  }

  /**
   * The tenant every token names in {@code tid}: the default subscription's, known once the control
   * plane has started (tokens issued before carry none).
   */
  public void useTenant(String tenantId) {
    this.tenantId = tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  /** A signed access token and the moment it expires. */
  public record AccessToken(String value, Instant expiresOn) {}

  public String issue(Principal p, String audience, String use, Duration ttl, List<TokenClaims.Grant> access) {
    return sign(p, audience, use, Instant.now().plus(ttl), access, null, null);
  }

  /**
   * An access token for a resource ({@code use} "access"). For managed identities {@code appId} is
   * the client id ({@code appid}) and {@code resourceId} the identity's ARM id, or the owning
   * resource's for a system-assigned identity ({@code xms_mirid}); both null for users.
   */
  public AccessToken accessToken(Principal p, String audience, Duration ttl, String appId, String resourceId) {
    // JWT times are whole seconds; expiresOn says exactly what the token's exp says.
    Instant expires = Instant.now().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new AccessToken(sign(p, audience, "access", expires, List.of(), appId, resourceId), expires);
  }

  private String sign(Principal p, String audience, String use, Instant expires, List<TokenClaims.Grant> access,
      String appId, String resourceId) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer).subject(p.id()).audience(audience)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(expires)).jwtID(Ids.hex(12))
        .claim("oid", p.id()).claim("name", p.name()).claim("kind", p.kind().name()).claim("use", use);
    String tid = tenantId;
    if (tid != null) claims.claim("tid", tid);
    if (appId != null) claims.claim("appid", appId);
    if (resourceId != null) claims.claim("xms_mirid", resourceId);
    if (p.registryId() != null) claims.claim("registry", p.registryId());
    if (!access.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (var g : access) list.add(Map.of("type", g.type(), "name", g.name(), "actions", g.actions()));
      claims.claim("access", list);
    }
    RSAKey key = keys.get(0);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
    return jwt.serialize();
  }

  /** Verifies signature, time, audience and use; returns the claims. */
  public TokenClaims verify(String token, String audience, String use) throws InvalidTokenException {
    Verified v = verified.get(token);
    if (v == null) {
      v = checkSignature(token);
      if (verified.size() >= VERIFIED_CACHE_SIZE) verified.clear();
      verified.put(token, v);
    }
    try {
      JWTClaimsSet c = v.claims();
      Instant now = Instant.now();
      if (v.expiresAt().isBefore(now)) {
        verified.remove(token);
        throw new InvalidTokenException("token expired");
      }
      if (c.getNotBeforeTime() != null && c.getNotBeforeTime().toInstant().isAfter(now.plusSeconds(30))) {
        throw new InvalidTokenException("token not yet valid");
      }
      if (!issuer.equals(c.getIssuer())) throw new InvalidTokenException("token from another issuer");
      if (c.getAudience() == null || !c.getAudience().contains(audience)) {
        throw new InvalidTokenException("token meant for another audience");
      }
      if (!use.equals(c.getStringClaim("use"))) throw new InvalidTokenException("token of the wrong kind");
      List<TokenClaims.Grant> grants = new ArrayList<>();
      Object access = c.getClaim("access");
      if (access instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> m) {
            List<String> actions = new ArrayList<>();
            if (m.get("actions") instanceof List<?> a) a.forEach(x -> actions.add(String.valueOf(x)));
            grants.add(new TokenClaims.Grant(String.valueOf(m.get("type")), String.valueOf(m.get("name")), actions));
          }
        }
      }
      return new TokenClaims(c.getSubject(), c.getStringClaim("name"), c.getStringClaim("kind"),
          c.getStringClaim("registry"), audience, use,
          c.getExpirationTime().toInstant(), grants, c.getStringClaim("tid"));
    } catch (ParseException e) {
      throw new InvalidTokenException("unreadable token");
    }
  }

  private Verified checkSignature(String token) throws InvalidTokenException {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidTokenException("unsupported token algorithm");
    }
    String keyId = jwt.getHeader().getKeyID();
    RSASSAVerifier verifier = keyId == null ? null : verifiers.get(keyId);
    if (verifier == null) throw new InvalidTokenException("token signed by an unknown key");
    try {
      if (!jwt.verify(verifier)) throw new InvalidTokenException("bad token signature");
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (c.getExpirationTime() == null) throw new InvalidTokenException("token expired");
      return new Verified(c, c.getExpirationTime().toInstant());
    } catch (JOSEException | ParseException e) {
      throw new InvalidTokenException("unreadable token");
    }
  }

}
