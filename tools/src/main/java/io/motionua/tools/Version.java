package io.motionua.tools;

import picocli.CommandLine;

/** The version written into the jar's manifest by the build, or "dev". */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"motionua " + (v == null ? "dev" : v)};
  }
}
