package io.coffer.server;

import io.coffer.config.CofferConfig;
import io.coffer.config.ConfigException;
import io.coffer.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start Coffer: registry, key vault, identities and control plane in one process.",
        "With no options it keeps its data in ./coffer-data and listens on 0.0.0.0:5080."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML configuration file (see docs/configuration.md).")
  Path config;

  @Option(names = "--data-dir", description = "Data folder (default ./coffer-data).")
  String dataDir;

  @Option(names = "--listen", description = "HOST:PORT to listen on (default 0.0.0.0:5080).")
  String listen;

  @Option(names = "--tls", description = "Serve HTTPS; a CA and certificate are generated on first start.")
  boolean tls;

  @Override
  public Integer call() throws Exception {
    CofferConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv());
      if (dataDir != null) cfg.dataDir = dataDir;
      if (listen != null) cfg.server.listen = listen;
      if (tls) cfg.server.tls = true;
      cfg.validate();
    } catch (ConfigException e) {
      System.err.println("ERROR: " + e.getMessage());
      return 1;
    }
    CofferServer server = CofferServer.start(cfg, System.getenv(), System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "coffer-shutdown"));
    stopped.await();
    return 0;
  }
}
