package io.motionua.server;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import io.motionua.server.config.MachineConfig;
import java.nio.file.Path;

/**
 * Wires a machine server from its config and data directory. The entry point creates the injector
 * once and asks it for {@link MotionUa}, which owns the lifecycle of everything it starts.
 */
public final class MotionUaModule extends AbstractModule {

  private final MachineConfig config;
  private final Path dataDir;

  public MotionUaModule(MachineConfig config, Path dataDir) {
    this.config = config;
    this.dataDir = dataDir;
  }

  @Override
  protected void configure() {
    bind(MachineConfig.class).toInstance(config);
    bind(Path.class).annotatedWith(Names.named("dataDir")).toInstance(dataDir);
    bind(MotionUa.class).asEagerSingleton();
  }
}
