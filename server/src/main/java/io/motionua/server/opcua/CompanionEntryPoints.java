package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.nodeset.CompanionNodeSet;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Where a companion-specification client looks for the machine, and the Robotics reference types
 * between its parts. The machine object stays under Objects (existing browse paths keep working)
 * and is also organized by Machinery's Machines folder (OPC 40001-1: every machine is directly
 * referenced from there) and by DI's DeviceSet (OPC 40010-1: the MotionDeviceSystem is a device of
 * the DeviceSet). The NodeIds are the official files' own (namespace index from the server).
 */
final class CompanionEntryPoints {

  /** Machinery: the Machines folder. */
  static final long MACHINES = 1001;

  /** DI: the DeviceSet object. */
  static final long DEVICE_SET = 5001;

  /** Robotics reference types (OPC 40010-1, 7.x). */
  static final long CONTROLS = 4002;

  static final long MOVES = 18178;
  static final long IS_DRIVEN_BY = 18180;
  static final long IS_CONNECTED_TO = 18181;

  private final NamespaceTable namespaces;

  CompanionEntryPoints(NamespaceTable namespaces) {
    this.namespaces = namespaces;
  }

  /**
   * Registers the machine in Machines and DeviceSet. Without the companion models (only {@code
   * motionua bench startup}'s baseline runs so) there is nothing to register in.
   */
  void registerMachine(InstanceBuilder b, NodeId machine) {
    node(CompanionNodeSet.MACHINERY, MACHINES)
        .ifPresent(machines -> b.reference(machines, NodeIds.Organizes, machine));
    node(CompanionNodeSet.DI, DEVICE_SET)
        .ifPresent(deviceSet -> b.reference(deviceSet, NodeIds.Organizes, machine));
  }

  /**
   * A Robotics reference type (MOVES, IS_DRIVEN_BY, IS_CONNECTED_TO, CONTROLS); MotionUA's own type
   * of the same name when Robotics is not loaded (the bench baseline).
   */
  NodeId robotics(long referenceType, NodeId motionUaFallback) {
    return node(CompanionNodeSet.ROBOTICS, referenceType).orElse(motionUaFallback);
  }

  private Optional<NodeId> node(CompanionNodeSet model, long id) {
    UShort index = namespaces.getIndex(model.modelUri());
    return Optional.ofNullable(index == null ? null : new NodeId(index, uint(id)));
  }
}
