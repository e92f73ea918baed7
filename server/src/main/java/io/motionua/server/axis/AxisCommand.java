package io.motionua.server.axis;

/** The PLCopen single-axis commands, as the state machine judges them. */
public enum AxisCommand {
  POWER_ON("Power(true)"),
  POWER_OFF("Power(false)"),
  HOME("Home"),
  MOVE("a move"),
  MOVE_VELOCITY("MoveVelocity"),
  STOP("Stop"),
  HALT("Halt"),
  RESET("Reset"),
  SET_POSITION("SetPosition"),
  /** Reserved for a group that owns the axis: single-axis motion is refused meanwhile. */
  SYNCHRONIZED("a group move");

  private final String text;

  AxisCommand(String text) {
    this.text = text;
  }

  @Override
  public String toString() {
    return text;
  }
}
