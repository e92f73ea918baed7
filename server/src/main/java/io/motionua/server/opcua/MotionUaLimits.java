package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * Server limits. The minimum sample rate matters: Milo 1.1.2's sampler spins a core when a sampling
 * interval rounds to 0 ms, so no client may ask for less than 5 ms.
 */
final class MotionUaLimits implements OpcUaServerConfigLimits {

  static final double MIN_SAMPLING_INTERVAL_MS = 5.0;

  private final int maxSessions;

  /** With Milo's session limit (created and activated sessions together). */
  MotionUaLimits(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  @Override
  public UInteger getMaxSessions() {
    return uint(maxSessions);
  }

  @Override
  public Double getMinSupportedSampleRate() {
    return MIN_SAMPLING_INTERVAL_MS;
  }

  @Override
  public Double getMinPublishingInterval() {
    return MIN_SAMPLING_INTERVAL_MS;
  }
}
