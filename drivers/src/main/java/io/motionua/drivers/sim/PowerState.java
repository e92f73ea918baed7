package io.motionua.drivers.sim;

/** CiA 402 power states, with the statusword bits 0-6 each one shows. */
enum PowerState {
  SWITCH_ON_DISABLED(0x0040),
  READY_TO_SWITCH_ON(0x0031),
  SWITCHED_ON(0x0033),
  OPERATION_ENABLED(0x0037),
  QUICK_STOP_ACTIVE(0x0017),
  FAULT(0x0008);

  private final int statusBits;

  PowerState(int statusBits) {
    this.statusBits = statusBits;
  }

  /** Bits 0-6 of the statusword: ready, switched on, enabled, fault, voltage, quick stop, SOD. */
  int statusBits() {
    return statusBits;
  }

  /**
   * The CiA 402 transition the controlword's command bits ask for from this state (Fault is left
   * only by a fault reset, which the drive handles itself).
   */
  PowerState next(int cw) {
    boolean switchOn = (cw & 0x01) != 0;
    boolean enableVoltage = (cw & 0x02) != 0;
    boolean quickStopOff = (cw & 0x04) != 0; // quick stop is active low
    boolean enableOperation = (cw & 0x08) != 0;
    if (!enableVoltage) {
      return SWITCH_ON_DISABLED;
    }
    if (!quickStopOff) {
      boolean running = this == OPERATION_ENABLED || this == QUICK_STOP_ACTIVE;
      return running ? QUICK_STOP_ACTIVE : SWITCH_ON_DISABLED;
    }
    if (this == QUICK_STOP_ACTIVE) {
      return switchOn && enableOperation ? OPERATION_ENABLED : this;
    }
    if (!switchOn) {
      return READY_TO_SWITCH_ON; // shutdown
    }
    if (this == SWITCH_ON_DISABLED) {
      return this; // switching on needs a shutdown first
    }
    return enableOperation ? OPERATION_ENABLED : SWITCHED_ON;
  }
}
