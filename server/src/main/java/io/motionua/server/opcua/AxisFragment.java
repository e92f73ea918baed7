package io.motionua.server.opcua;

import static io.motionua.server.opcua.AnalogUnits.DEGREE;
import static io.motionua.server.opcua.AnalogUnits.DEGREE_PER_SECOND;
import static io.motionua.server.opcua.AnalogUnits.MILLIMETRE;
import static io.motionua.server.opcua.AnalogUnits.MILLIMETRE_PER_SECOND;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisMethods;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * One axis (AxisType, a Robotics AxisType): MotionProfile, the ParameterSet the drive's polls feed
 * ({@link AxisNodes}), the writable software limits and TargetVelocity, and the PLCopen methods.
 */
final class AxisFragment {

  /** Robotics: AxisMotionProfileEnumeration. */
  static final long AXIS_MOTION_PROFILE_ENUMERATION = 3008;

  private AxisFragment() {}

  /** Builds the axis object at {@code path} in {@code folder}; returns it. */
  static UaObjectNode build(
      InstanceBuilder b, NodeId folder, String path, AxisSpec axis, AxisController controller) {
    boolean linear = controller.units().isLinear();
    UaObjectNode axisObject =
        b.namedObject(
            folder, NodeIds.Organizes, path, axis.name(), b.type(MotionUaModel.AXIS_TYPE));
    axisObject.setDescription(
        LocalizedText.english(
            "Axis %s (%s, %s), moved by power train %s"
                .formatted(
                    axis.name(),
                    axis.motionProfile(),
                    linear ? "mm" : "degrees",
                    PowerTrainFragment.name(axis))));
    NodeId node = axisObject.getNodeId();
    b.declaredProperty(
        node,
        path + "/MotionProfile",
        "MotionProfile",
        b.robotics(AXIS_MOTION_PROFILE_ENUMERATION),
        motionProfileValue(axis.motionProfile()));
    NodeId params =
        b.declaredObject(node, path + "/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    EUInformation position = linear ? MILLIMETRE : DEGREE;
    EUInformation speed = linear ? MILLIMETRE_PER_SECOND : DEGREE_PER_SECOND;
    LimitsSpec lim = axis.limits();
    Range travel = new Range(lim.min(), lim.max());
    Range velocity = new Range(-lim.velocity(), lim.velocity());
    String p = path + "/ParameterSet/";
    AxisNodes nodes =
        new AxisNodes(
            controller::shownPosition,
            b.analog(params, p + "ActualPosition", "ActualPosition", position, travel),
            b.analog(params, p + "ActualSpeed", "ActualSpeed", speed, velocity),
            b.analog(params, p + "CommandedPosition", "CommandedPosition", position, travel),
            b.analog(
                params,
                p + "FollowingError",
                "FollowingError",
                position,
                new Range(-(lim.max() - lim.min()), lim.max() - lim.min())),
            b.dataVariable(
                params,
                p + "AxisState",
                "AxisState",
                b.type(MotionUaModel.AXIS_STATE_ENUMERATION),
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                params, p + "Homed", "Homed", NodeIds.Boolean, NodeIds.BaseDataVariableType));
    for (String limit : List.of("SoftwareLimitPositive", "SoftwareLimitNegative")) {
      boolean positive = limit.endsWith("Positive");
      SetpointFilter.install(
          b.analog(params, p + limit, limit, position, travel),
          positive ? lim.max() : lim.min(),
          v -> {
            controller.setSoftwareLimit(positive, v);
            return CompletableFuture.completedFuture(null);
          });
    }
    // A drive setpoint: written through the link, Good only once the drive acknowledged.
    SetpointFilter.install(
        b.analog(params, p + "TargetVelocity", "TargetVelocity", speed, velocity),
        0.0,
        controller::writeTargetVelocity);
    if (axis.isEndless()) {
      // Which way absolute moves go round; applies at once (no drive write).
      UaVariableNode direction =
          b.dataVariable(
              params,
              p + "ModuloDirection",
              "ModuloDirection",
              NodeIds.Int32,
              NodeIds.BaseDataVariableType);
      // An Optional child: its declaration's Description is not copied by MandatoryChildren.
      direction.setDescription(
          LocalizedText.english(
              "Which way MoveAbsolute and group moves go round this endless axis: 0 shortest,"
                  + " 1 positive, 2 negative, 3 current (the way it is moving)."));
      SetpointFilter.installInt(
          direction,
          controller.moduloDirection().ordinal(),
          v -> {
            controller.setModuloDirection(v);
            return CompletableFuture.completedFuture(null);
          });
    }
    controller.addObserver(nodes::update);

    for (AxisMethods.Spec method : AxisMethods.of(controller)) {
      b.method(
          node, path + "/" + method.name(), method.name(), method.description(), method.handler());
    }
    return axisObject;
  }

  private static int motionProfileValue(String profile) {
    return List.of("other", "rotary", "rotary-endless", "linear", "linear-endless")
        .indexOf(profile);
  }
}
