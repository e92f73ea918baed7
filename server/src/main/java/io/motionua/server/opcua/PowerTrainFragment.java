package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.MotorSpec;
import io.motionua.server.config.ReducerSpec;
import java.math.BigInteger;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.RationalNumber;

/**
 * The power train of one axis (PowerTrainType, a Robotics PowerTrainType): motor, gear and drive,
 * with Robotics' references train -Moves-> axis, motor -IsConnectedTo-> gear and motor
 * -IsDrivenBy-> drive.
 */
final class PowerTrainFragment {

  /** What the caller wires to events: the motor and its temperature. */
  record Built(UaObjectNode motor, UaVariableNode motorTemperature, String drivePath) {}

  private PowerTrainFragment() {}

  /**
   * The power train of axis J1 is J1-PowerTrain: distinct from the axis's own name, so a browse
   * path or a search by name finds one node (docs/model.md).
   */
  static String name(AxisSpec axis) {
    return axis.name() + "-PowerTrain";
  }

  static Built build(
      InstanceBuilder b,
      CompanionEntryPoints companions,
      MachineConfig config,
      NodeId folder,
      String path,
      AxisSpec axis,
      NodeId axisNode,
      AxisController controller) {
    MotorSpec motor = config.motor(axis.motor()).orElseThrow();
    ReducerSpec reducer = config.reducer(axis.reducer()).orElseThrow();
    DriveSpec drive = config.drive(motor.drive()).orElseThrow();
    UaObjectNode trainObject =
        b.namedObject(
            folder, NodeIds.Organizes, path, name(axis), b.type(MotionUaModel.POWER_TRAIN_TYPE));
    trainObject.setDescription(
        LocalizedText.english(
            "Power train of axis %s: motor %s, reducer %s, drive %s"
                .formatted(axis.name(), motor.name(), reducer.name(), drive.name())));
    NodeId train = trainObject.getNodeId();
    b.reference(
        train,
        companions.robotics(CompanionEntryPoints.MOVES, b.type(MotionUaModel.MOVES)),
        axisNode);

    UaObjectNode motorObject =
        b.declaredObject(train, path + "/Motor", "Motor", b.type(MotionUaModel.MOTOR_TYPE));
    NodeId motorNode = motorObject.getNodeId();
    UaVariableNode temperature = motor(b, motorNode, path + "/Motor", motor);
    NodeId gear = gear(b, train, path + "/Gear", reducer);
    NodeId driveNode =
        DriveFragment.build(
            b, train, path + "/Drive", drive, temperature, motor.maxTemperature(), controller);
    b.reference(
        motorNode,
        companions.robotics(
            CompanionEntryPoints.IS_CONNECTED_TO, b.type(MotionUaModel.IS_CONNECTED_TO)),
        gear);
    b.reference(
        motorNode,
        companions.robotics(CompanionEntryPoints.IS_DRIVEN_BY, b.type(MotionUaModel.IS_DRIVEN_BY)),
        driveNode);
    return new Built(motorObject, temperature, path + "/Drive");
  }

  /** Motor nameplate and ParameterSet; returns MotorTemperature. */
  private static UaVariableNode motor(
      InstanceBuilder b, NodeId motorNode, String path, MotorSpec motor) {
    b.declaredProperty(motorNode, path + "/Name", "Name", NodeIds.String, motor.name());
    IdentificationFragment.nameplate(
        b,
        motorNode,
        path,
        motor.manufacturer(),
        motor.model(),
        motor.serialNumber(),
        motor.productCode());
    NodeId params =
        b.declaredObject(motorNode, path + "/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    UaVariableNode temperature =
        b.analog(
            params,
            path + "/ParameterSet/MotorTemperature",
            "MotorTemperature",
            AnalogUnits.CELSIUS,
            new Range(-20.0, motor.maxTemperature()));
    // No supported drive reports its holding brake: say so rather than guess.
    b.dataVariable(
            params,
            path + "/ParameterSet/BrakeReleased",
            "BrakeReleased",
            NodeIds.Boolean,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(StatusCode.of(StatusCodes.Bad_NotSupported)));
    return temperature;
  }

  private static NodeId gear(InstanceBuilder b, NodeId train, String path, ReducerSpec reducer) {
    NodeId gear =
        b.declaredObject(train, path, "Gear", b.type(MotionUaModel.GEAR_TYPE)).getNodeId();
    b.declaredProperty(gear, path + "/Name", "Name", NodeIds.String, reducer.name());
    gearRatio(b, gear, path + "/GearRatio", rational(reducer.ratio()));
    IdentificationFragment.productCode(b, gear, path, reducer.productCode());
    if (reducer.pitch() != null) {
      b.declaredProperty(gear, path + "/Pitch", "Pitch", NodeIds.Double, reducer.pitch());
    }
    return gear;
  }

  /**
   * GearRatio as Robotics declares it: a RationalNumberType variable with its Numerator and
   * Denominator (motor-side revolutions per load-side revolutions).
   */
  private static void gearRatio(InstanceBuilder b, NodeId gear, String path, RationalNumber ratio) {
    DateTime now = DateTime.now();
    b.dataVariable(gear, path, "GearRatio", NodeIds.RationalNumber, NodeIds.RationalNumberType)
        .setValue(new DataValue(new Variant(ratio), StatusCode.GOOD, now, now));
    b.variable(
            b.id(path),
            path + "/Numerator",
            new QualifiedName(0, "Numerator"),
            NodeIds.Int32,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(new Variant(ratio.getNumerator()), StatusCode.GOOD, now, now));
    b.node(path + "/Numerator")
        .setDescription(LocalizedText.english("Motor-side revolutions per Denominator"));
    b.variable(
            b.id(path),
            path + "/Denominator",
            new QualifiedName(0, "Denominator"),
            NodeIds.UInt32,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(new Variant(ratio.getDenominator()), StatusCode.GOOD, now, now));
    b.node(path + "/Denominator")
        .setDescription(LocalizedText.english("Load-side revolutions per Numerator"));
  }

  /** The ratio as a fraction of whole numbers, e.g. 100 -> 100/1, 3.5 -> 7/2. */
  static RationalNumber rational(double ratio) {
    long denominator = 1;
    while (Math.abs(ratio * denominator - Math.rint(ratio * denominator)) > 1e-9
        && denominator < 1_000_000) {
      denominator *= 10;
    }
    long numerator = Math.round(ratio * denominator);
    long g = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValue();
    return new RationalNumber((int) (numerator / g), uint(denominator / g));
  }
}
