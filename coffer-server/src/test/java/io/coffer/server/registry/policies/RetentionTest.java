package io.coffer.server.registry.policies;

import static io.coffer.server.registry.policies.PolicyServer.ociError;
import static io.coffer.server.registry.policies.PolicyServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention policy: untagged manifests older than its days go; what tagged content needs stays. */
class RetentionTest {
  @TempDir static Path dir;
  static PolicyServer server;

  @BeforeAll
  static void start() throws Exception {
    server = PolicyServer.start(dir, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static boolean present(String name, String digest) throws Exception {
    HttpResponse<byte[]> r = server.head("/v2/" + name + "/manifests/" + digest);
    if (r.statusCode() == 404) return false;
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return true;
  }

  private static void apply(String reg) throws Exception {
    Thread.sleep(5); // everything pushed so far is strictly older than now
    server.registry.retention.apply(server.registryId(reg));
  }

  @Test
  void untaggedOldManifests_deletedTaggedKept() throws Exception {
    String reg = server.createRegistry("retbasic");
    String name = reg + "/app";
    PolicyServer.Image tagged = server.pushImage(name, "v1", "tagged");
    PolicyServer.Image untagged = server.pushImage(name, null, "untagged");
    PolicyServer.Image retagged = server.pushImage(name, "moving", "first");
    server.pushImage(name, "moving", "second"); // the tag moves away: the first image is untagged now
    server.retention(reg, true, 0);
    apply(reg);

    assertThat(present(name, tagged.manifest())).isTrue();
    assertThat(present(name, untagged.manifest())).isFalse();
    assertThat(present(name, retagged.manifest())).isFalse();
    assertThat(server.get("/v2/" + name + "/manifests/moving").statusCode()).isEqualTo(200);
    ociError(server.get("/v2/" + name + "/manifests/" + untagged.manifest()), 404, "MANIFEST_UNKNOWN");
    assertThat(Json.parse(server.get("/acr/v1/" + name).body()).path("manifestCount").asInt()).isEqualTo(2);
    // Blobs are left to garbage collection.
    assertThat(server.get("/v2/" + name + "/blobs/" + untagged.layer()).statusCode()).isEqualTo(200);
  }

  @Test
  void retentionDisabled_nothingDeleted() throws Exception {
    String reg = server.createRegistry("retoff");
    String name = reg + "/app";
    PolicyServer.Image untagged = server.pushImage(name, null, "kept");
    server.retention(reg, false, 0);
    apply(reg);
    assertThat(present(name, untagged.manifest())).isTrue();
  }

  @Test
  void days_onlyManifestsOlderThanThatGo() throws Exception {
    String reg = server.createRegistry("retdays");
    String name = reg + "/app";
    server.retention(reg, true, 7);
    PolicyServer.Image old = server.pushImage(name, null, "old");
    server.clock.advance(Duration.ofDays(6));
    PolicyServer.Image recent = server.pushImage(name, null, "recent");
    server.registry.retention.run();
    assertThat(present(name, old.manifest())).isTrue();

    server.clock.advance(Duration.ofDays(2)); // the first is 8 days old, the second 2
    assertThat(server.registry.retention.run()).isGreaterThanOrEqualTo(1);
    assertThat(present(name, old.manifest())).isFalse();
    assertThat(present(name, recent.manifest())).isTrue();
  }

  @Test
  void childrenOfTaggedIndex_kept() throws Exception {
    String reg = server.createRegistry("retindex");
    String name = reg + "/app";
    PolicyServer.Image amd = server.pushImage(name, null, "amd64");
    PolicyServer.Image arm = server.pushImage(name, null, "arm64");
    String index = server.pushIndex(name, "multi", amd, arm);
    server.retention(reg, true, 0);
    apply(reg);
    assertThat(present(name, index)).isTrue();
    assertThat(present(name, amd.manifest())).isTrue();
    assertThat(present(name, arm.manifest())).isTrue();
  }

  @Test
  void untaggedIndex_goesWithItsUntaggedChildren_taggedChildKept() throws Exception {
    String reg = server.createRegistry("retuntaggedindex");
    String name = reg + "/app";
    PolicyServer.Image untaggedChild = server.pushImage(name, null, "child");
    PolicyServer.Image taggedChild = server.pushImage(name, "own", "tagged-child");
    String index = server.pushIndex(name, null, untaggedChild, taggedChild);
    server.retention(reg, true, 0);
    apply(reg);
    assertThat(present(name, index)).isFalse();
    assertThat(present(name, untaggedChild.manifest())).isFalse();
    assertThat(present(name, taggedChild.manifest())).isTrue();
  }

  @Test
  void referrersOfTaggedImage_kept() throws Exception {
    String reg = server.createRegistry("retreferrers");
    String name = reg + "/app";
    PolicyServer.Image image = server.pushImage(name, "v1", "signed");
    Map<String, Object> subject = PolicyServer.descriptor(PolicyServer.OCI_MANIFEST, image.manifest(),
        image.manifestBytes().length);
    PolicyServer.Image signature = server.pushImage(name, null, "signature", subject);
    // A referrer of the signature (a countersignature) is kept as well.
    PolicyServer.Image counter = server.pushImage(name, null, "countersignature", PolicyServer.descriptor(
        PolicyServer.OCI_MANIFEST, signature.manifest(), signature.manifestBytes().length));
    // A referrer of an untagged image goes with it.
    PolicyServer.Image orphan = server.pushImage(name, null, "orphan");
    PolicyServer.Image orphanSbom = server.pushImage(name, null, "orphan-sbom", PolicyServer.descriptor(
        PolicyServer.OCI_MANIFEST, orphan.manifest(), orphan.manifestBytes().length));
    server.retention(reg, true, 0);
    apply(reg);

    assertThat(present(name, signature.manifest())).isTrue();
    assertThat(present(name, counter.manifest())).isTrue();
    assertThat(present(name, orphan.manifest())).isFalse();
    assertThat(present(name, orphanSbom.manifest())).isFalse();
    HttpResponse<byte[]> referrers = server.get("/v2/" + name + "/referrers/" + image.manifest());
    assertThat(Json.parse(referrers.body()).path("manifests").path(0).path("digest").asText())
        .isEqualTo(signature.manifest());
  }

  @Test
  void subjectOfTaggedReferrer_kept() throws Exception {
    String reg = server.createRegistry("retsubject");
    String name = reg + "/app";
    PolicyServer.Image subject = server.pushImage(name, null, "subject");
    server.pushImage(name, "sbom", "tagged-referrer", PolicyServer.descriptor(PolicyServer.OCI_MANIFEST,
        subject.manifest(), subject.manifestBytes().length));
    server.retention(reg, true, 0);
    apply(reg);
    assertThat(present(name, subject.manifest())).isTrue();
  }

  @Test
  void run_appliesOnlyToRegistriesWithThePolicy() throws Exception {
    String on = server.createRegistry("retrunon");
    String off = server.createRegistry("retrunoff");
    PolicyServer.Image goes = server.pushImage(on + "/app", null, "goes");
    PolicyServer.Image stays = server.pushImage(off + "/app", null, "stays");
    server.retention(on, true, 0);
    Thread.sleep(5);
    assertThat(server.registry.retention.run()).isGreaterThanOrEqualTo(1);
    assertThat(present(on + "/app", goes.manifest())).isFalse();
    assertThat(present(off + "/app", stays.manifest())).isTrue();
  }
}
