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
}
