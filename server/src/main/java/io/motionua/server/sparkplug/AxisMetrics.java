package io.motionua.server.sparkplug;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.ModuloRange;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The metrics of a drive's Sparkplug device: its axis's ParameterSet and the power train's motor
 * temperature and drive words, each named after its OPC UA browse path below the machine, valued
 * from the axis snapshot the server pushes into those nodes; and the axis's setpoints, the
 * ParameterSet variables an OPC UA client may write (TargetVelocity, the software limits and, on an
 * endless axis, ModuloDirection), valued from the controller where those writes land.
 */
final class AxisMetrics {

  private final String axisPath;
  private final String trainPath;
  private final boolean linear;
  private final boolean endless;

  /** How positions are shown: wrapped into the range on an endless axis, as on OPC UA. */
  private final DoubleUnaryOperator shown;

  AxisMetrics(String motionDevice, AxisSpec axis) {
    this.axisPath = "MotionDevices/" + motionDevice + "/Axes/" + axis.name() + "/ParameterSet/";
    this.trainPath =
        "MotionDevices/" + motionDevice + "/PowerTrains/" + axis.name() + "-PowerTrain/";
    this.linear = axis.isLinear();
    this.endless = axis.isEndless();
    ModuloRange range =
        axis.isEndless() ? new ModuloRange(axis.limits().min(), axis.limits().max()) : null;
    this.shown = range == null ? p -> p : range::wrap;
  }

  /** Each metric with the next alias, in birth order. */
  List<MetricDefinition> definitions(MetricNumbering numbering) {
    String pos = linear ? "mm" : "deg";
    List<MetricDefinition> out = new ArrayList<>(measured(numbering, pos));
    out.add(numbering.next(axisPath + "TargetVelocity", MetricType.DOUBLE, pos + "/s"));
    out.add(numbering.next(axisPath + "SoftwareLimitPositive", MetricType.DOUBLE, pos));
    out.add(numbering.next(axisPath + "SoftwareLimitNegative", MetricType.DOUBLE, pos));
    if (endless) {
      out.add(numbering.next(axisPath + "ModuloDirection", MetricType.INT32, ""));
    }
    return out;
  }

  private List<MetricDefinition> measured(MetricNumbering numbering, String pos) {
    return List.of(
        numbering.next(axisPath + "ActualPosition", MetricType.DOUBLE, pos),
        numbering.next(axisPath + "ActualSpeed", MetricType.DOUBLE, pos + "/s"),
        numbering.next(axisPath + "CommandedPosition", MetricType.DOUBLE, pos),
        numbering.next(axisPath + "FollowingError", MetricType.DOUBLE, pos),
        numbering.next(axisPath + "AxisState", MetricType.STRING, ""),
        numbering.next(axisPath + "Homed", MetricType.BOOLEAN, ""),
        numbering.next(trainPath + "Motor/ParameterSet/MotorTemperature", MetricType.DOUBLE, "Cel"),
        numbering.next(trainPath + "Drive/Statusword", MetricType.INT32, ""),
        numbering.next(trainPath + "Drive/ErrorCode", MetricType.INT32, ""));
  }

  /** The snapshot's values and the controller's setpoints by metric name. */
  Map<String, Object> values(AxisSnapshot s, AxisController axis) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(axisPath + "ActualPosition", shown.applyAsDouble(s.position()));
    v.put(axisPath + "ActualSpeed", s.speed());
    v.put(axisPath + "CommandedPosition", shown.applyAsDouble(s.commandedPosition()));
    v.put(axisPath + "FollowingError", s.followingError());
    v.put(axisPath + "AxisState", s.state().name());
    v.put(axisPath + "Homed", s.homed());
    v.put(trainPath + "Motor/ParameterSet/MotorTemperature", s.motorTemperature());
    v.put(trainPath + "Drive/Statusword", s.statusword());
    v.put(trainPath + "Drive/ErrorCode", s.errorCode());
    LimitsSpec limits = axis.limits();
    v.put(axisPath + "TargetVelocity", axis.targetVelocity());
    v.put(axisPath + "SoftwareLimitPositive", limits.max());
    v.put(axisPath + "SoftwareLimitNegative", limits.min());
    if (endless) {
      v.put(axisPath + "ModuloDirection", axis.moduloDirection().ordinal());
    }
    return v;
  }
}
