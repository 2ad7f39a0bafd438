package io.coffer.cli.commands;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A command test's fixture: a fake control plane and a CLI already signed in to it. */
abstract class LoggedInCliTest {
  @TempDir Path dir;
  FakeServer server;
  TestCli cli;

  @BeforeEach
  void startServerAndSignIn() throws Exception {
    server = new FakeServer();
    cli = new TestCli(dir).loggedInTo(server.url());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
