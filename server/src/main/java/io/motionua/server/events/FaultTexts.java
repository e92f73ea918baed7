package io.motionua.server.events;

import java.util.Map;

/**
 * Short texts for common CiA 402 error codes (object 0x603F, the codes of EN 50325-4 / CiA 301
 * emergency messages). Drives add vendor codes of their own; those get a generic text with the code
 * in hex, which is what a service engineer looks up in the drive manual.
 */
public final class FaultTexts {

  private static final Map<Integer, String> TEXTS =
      Map.ofEntries(
          Map.entry(0x1000, "generic error"),
          Map.entry(0x2220, "continuous over-current"),
          Map.entry(0x2310, "over-current at the motor output"),
          Map.entry(0x2320, "short circuit at the motor output"),
          Map.entry(0x2330, "earth leakage"),
          Map.entry(0x3110, "mains over-voltage"),
          Map.entry(0x3120, "mains under-voltage"),
          Map.entry(0x3130, "phase failure"),
          Map.entry(0x3210, "DC link over-voltage"),
          Map.entry(0x3220, "DC link under-voltage"),
          Map.entry(0x4210, "excess temperature of the device"),
          Map.entry(0x4310, "excess temperature of the drive"),
          Map.entry(0x4410, "excess temperature of the supply"),
          Map.entry(0x5112, "supply low voltage"),
          Map.entry(0x5530, "data storage error"),
          Map.entry(0x6010, "software reset (watchdog)"),
          Map.entry(0x6320, "parameter error"),
          Map.entry(0x7121, "motor blocked"),
          Map.entry(0x7300, "sensor error"),
          Map.entry(0x7305, "incremental sensor 1 fault"),
          Map.entry(0x7310, "speed sensor error"),
          Map.entry(0x7320, "position sensor error"),
          Map.entry(0x7500, "communication error"),
          Map.entry(0x8110, "CAN overrun"),
          Map.entry(0x8130, "life guard or heartbeat error"),
          Map.entry(0x8400, "velocity speed control error"),
          Map.entry(0x8611, "following error"),
          Map.entry(0x8612, "reference limit"),
          Map.entry(0x9000, "external error"),
          Map.entry(0xFF00, "manufacturer-specific error"));

  private FaultTexts() {}

  /** The text for a code, e.g. {@code 0x8611 -> "following error (0x8611)"}. */
  public static String of(int code) {
    String hex = "0x%04X".formatted(code & 0xFFFF);
    String text = TEXTS.get(code & 0xFFFF);
    return text == null ? "drive fault " + hex : text + " (" + hex + ")";
  }
}
