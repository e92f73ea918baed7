package io.motionua.tools.bench;

import java.util.List;

/**
 * The JVM options both launchers ({@code bin/motionua} of a clone and of the distribution) give a
 * {@code serve}, beside the class-data archive, so that the benchmarks start the server the way an
 * installation does. {@code LaunchersTest} checks that each launcher carries exactly these.
 *
 * <p>The start-up JIT thresholds: the C2 compiler takes a method only after ten times the default
 * invocations and loop iterations (Tier4 thresholds). A start runs much code a few thousand times
 * (NodeSet parsing, Milo's type hierarchies, the model's construction) that never runs again; with
 * the defaults C2 compiled it, about 2 s of CPU on a 2-core machine beside a 3 s start. With these
 * thresholds that code stays with C1 and C2 still takes what runs all the time (a notification, a
 * poll: thousands per second reach the thresholds within seconds). {@code MOTIONUA_JIT=default}
 * turns them off (docs/operations.md).
 */
public final class ServeJvmOptions {

  /** Ten times the JVM's default Tier4 thresholds (5000, 600, 15000, 40000). */
  public static final List<String> JIT =
      List.of(
          "-XX:Tier4InvocationThreshold=50000",
          "-XX:Tier4MinInvocationThreshold=6000",
          "-XX:Tier4CompileThreshold=150000",
          "-XX:Tier4BackEdgeThreshold=400000");

  private ServeJvmOptions() {}

  /** {@link #JIT} unless {@code MOTIONUA_JIT=default}, as the launchers decide. */
  public static List<String> jit() {
    return "default".equals(System.getenv("MOTIONUA_JIT")) ? List.of() : JIT;
  }
}
