package io.motionua.server.axis;

/**
 * The position range of an endless axis (a rotary table, a carousel): positions shown to clients
 * wrap into {@code [min, max)}, while the drive and the motion code count on without wrapping (the
 * continuous position). An absolute target in the range becomes the continuous target that the
 * asked direction reaches first.
 */
public record ModuloRange(double min, double max) {

  public ModuloRange {
    if (!(min < max)) {
      throw new IllegalArgumentException("modulo range [" + min + ", " + max + ") is empty");
    }
  }

  public double period() {
    return max - min;
  }

  /** The continuous position shown in the range. */
  public double wrap(double continuous) {
    double p = period();
    double r = (continuous - min) % p;
    if (r < 0) {
      r += p;
    }
    double wrapped = min + r;
    return wrapped >= max ? min : wrapped;
  }

  /**
   * The continuous target that reaches {@code target} (in the range) from {@code current}
   * (continuous) going the given way; {@code velocity} decides {@link MoveDirection#CURRENT}.
   */
  public double continuousTarget(
      double current, double target, MoveDirection direction, double velocity) {
    double p = period();
    double delta = wrap(target) - wrap(current); // in (-p, p)
    MoveDirection way =
        direction != MoveDirection.CURRENT || velocity == 0
            ? direction
            : velocity > 0 ? MoveDirection.POSITIVE : MoveDirection.NEGATIVE;
    switch (way == MoveDirection.CURRENT ? MoveDirection.SHORTEST : way) {
      case POSITIVE -> delta = delta < 0 ? delta + p : delta;
      case NEGATIVE -> delta = delta > 0 ? delta - p : delta;
      default -> {
        if (delta > p / 2) {
          delta -= p;
        } else if (delta < -p / 2 || delta == -p / 2) {
          delta += p;
        }
      }
    }
    return current + delta;
  }
}
