package io.motionua.server.axis;

/**
 * A drive's state as its scheme decodes it from one poll, the same for every scheme: what the axis
 * state machine, groups and the address space need to know, whatever the drive's own words say.
 *
 * @param enabled the drive holds the motor under control (CiA 402: operation enabled)
 * @param standing the motion the drive was given is over and the motor stands
 * @param fault the drive reports an alarm
 * @param faultCode the drive's fault code, 0 when none
 * @param faultText what the profile's fault table says about the code, or null
 * @param homingDone a homing run has completed (CiA 402: homing attained in homing mode)
 * @param statusBits the drive's own status word, as read (for the Statusword node)
 * @param commandBits the drive's own command word, as read (for the Controlword node), or 0
 */
public record DriveStatus(
    boolean enabled,
    boolean standing,
    boolean fault,
    int faultCode,
    String faultText,
    boolean homingDone,
    int statusBits,
    int commandBits) {

  static DriveStatus unknown() {
    return new DriveStatus(false, false, false, 0, null, false, 0, 0);
  }

  /** The fault as a log and event text: code in hex, and the profile's text when it has one. */
  public String describeFault() {
    String code = "drive fault 0x%04X".formatted(faultCode);
    return faultText == null ? code : code + " (" + faultText + ")";
  }
}
