package io.motionua.tools.bench;

import static io.motionua.drivers.DriveSignals.CONTROLWORD;
import static io.motionua.drivers.DriveSignals.PROFILE_ACCELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_DECELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_VELOCITY;
import static io.motionua.drivers.DriveSignals.STATUSWORD;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalValue;
import io.motionua.tools.bench.OpcuaBenchSupport.Samples;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick of the command latency: the Modbus transactions of a CiA 402 MoveAbsolute, sent
 * through the link as the axis sends them (caller to link thread and back), without OPC UA and
 * without the axis. The profile block and the controlword in one link command (FC16, FC06), then
 * the statusword read (FC03): what a call must wait for; and, timed separately, the same three
 * followed by the controlword again (FC06): all four transactions of a move. The values written are
 * the ones the drive already holds and the controlword stays at enable operation (no new
 * set-point): the same requests, no motion.
 */
record MoveTransactions(Samples acknowledged, Samples all) {

  /** Controlword "enable operation" (0x000F), the value a standing drive in this state holds. */
  private static final int ENABLE_OPERATION = 0x000F;

  private static final Duration DEADLINE = Duration.ofSeconds(1);

  static MoveTransactions measure(Link link, String device, int series) throws Exception {
    Map<String, SignalValue> now =
        link.read(
                device,
                List.of(
                    TARGET_POSITION, PROFILE_VELOCITY, PROFILE_ACCELERATION, PROFILE_DECELERATION),
                DEADLINE)
            .get(2, TimeUnit.SECONDS);
    Map<String, Object> start = new LinkedHashMap<>();
    for (Map.Entry<String, SignalValue> e : now.entrySet()) {
      start.put(e.getKey(), e.getValue().asLong());
    }
    start.put(CONTROLWORD, ENABLE_OPERATION);
    Map<String, Object> clear = Map.of(CONTROLWORD, ENABLE_OPERATION);
    List<String> status = List.of(STATUSWORD);
    long[] ack = new long[series];
    long[] all = new long[series];
    int warm = Math.min(500, series);
    int n = 0;
    for (int i = -warm; i < series; i++) {
      long t0 = System.nanoTime();
      long t1;
      long t2;
      try {
        link.write(device, start, DEADLINE)
            .thenCompose(v -> link.read(device, status, DEADLINE))
            .get(2, TimeUnit.SECONDS);
        t1 = System.nanoTime();
        link.write(device, start, DEADLINE)
            .thenCompose(v -> link.read(device, status, DEADLINE))
            .thenCompose(v -> link.write(device, clear, DEADLINE))
            .get(2, TimeUnit.SECONDS);
        t2 = System.nanoTime();
      } catch (ExecutionException e) {
        continue; // a lost answer (counted by the link): not a transaction time
      }
      if (i >= 0) {
        ack[n] = t1 - t0;
        all[n] = t2 - t1;
        n++;
      }
    }
    return new MoveTransactions(Samples.of(ack, n), Samples.of(all, n));
  }
}
