package io.motionua.server.opcua;

import io.motionua.nodeset.CompanionNodeSet;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The namespace of each child browse name that MotionUA.NodeSet2.xml declares: the official one
 * where DI, Robotics or Machinery declare the same child (so a companion-specification client finds
 * {@code DI:ParameterSet/Robotics:ActualPosition}), MotionUA's own for everything we add. The lists
 * mirror the file (docs/model.md, "Browse names").
 */
final class ModelNames {

  static final Set<String> DI =
      Set.of(
          "ParameterSet",
          "Manufacturer",
          "ManufacturerUri",
          "Model",
          "SerialNumber",
          "ProductCode",
          "ProductInstanceUri",
          "SoftwareRevision",
          "Identification",
          "DeviceHealth");

  static final Set<String> ROBOTICS =
      Set.of(
          "MotionDevices",
          "Controllers",
          "SafetyStates",
          "Axes",
          "PowerTrains",
          "MotionDeviceCategory",
          "MotionProfile",
          "ActualPosition",
          "ActualSpeed",
          "ActualAcceleration",
          "SpeedOverride",
          "MotorTemperature",
          "BrakeReleased",
          "GearRatio",
          "Pitch");

  static final Set<String> MACHINERY =
      Set.of("YearOfConstruction", "Location", "MachineryItemState", "MachineryOperationMode");

  private final UShort di;
  private final UShort robotics;
  private final UShort machinery;
  private final UShort motionUa;

  ModelNames(NamespaceTable table, UShort motionUa) {
    this.motionUa = motionUa;
    this.di = index(table, CompanionNodeSet.DI);
    this.robotics = index(table, CompanionNodeSet.ROBOTICS);
    this.machinery = index(table, CompanionNodeSet.MACHINERY);
  }

  private static UShort index(NamespaceTable table, CompanionNodeSet model) {
    UShort index = table.getIndex(model.modelUri());
    if (index == null) {
      throw new IllegalStateException(model.modelUri() + " is not loaded: load it before MotionUA");
    }
    return index;
  }

  /** The browse name of a declared child called {@code name}. */
  QualifiedName of(String name) {
    if (DI.contains(name)) {
      return new QualifiedName(di, name);
    }
    if (ROBOTICS.contains(name)) {
      return new QualifiedName(robotics, name);
    }
    if (MACHINERY.contains(name)) {
      return new QualifiedName(machinery, name);
    }
    return new QualifiedName(motionUa, name);
  }

  UShort di() {
    return di;
  }

  UShort robotics() {
    return robotics;
  }

  UShort machinery() {
    return machinery;
  }
}
