package io.motionua.nodeset;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.InputStream;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The MotionUA information model: its namespace URI, the numeric identifiers of its types, and the
 * bundled NodeSet2 file. See docs/model.md for the tree.
 *
 * <p>The identifiers are numeric NodeIds in the namespace {@link #NAMESPACE_URI}; the index of that
 * namespace is only known once the model is loaded into a server ({@link
 * LoadedNodeSet#namespaceIndex(String)}), hence {@link #nodeId(UShort, long)}.
 */
public final class MotionUaModel {

  /** The namespace URI of the MotionUA model. */
  public static final String NAMESPACE_URI = "http://motionua.io/UA/";

  /** Class-path resource of the model's NodeSet2 file. */
  public static final String NODESET_RESOURCE = "MotionUA.NodeSet2.xml";

  // Object types
  public static final long MACHINE_TYPE = 1001;
  public static final long MOTION_DEVICE_TYPE = 1002;
  public static final long AXIS_TYPE = 1003;
  public static final long POWER_TRAIN_TYPE = 1004;
  public static final long MOTOR_TYPE = 1005;
  public static final long GEAR_TYPE = 1006;
  public static final long DRIVE_TYPE = 1007;
  public static final long AXIS_GROUP_TYPE = 1008;
  public static final long LINK_TYPE = 1009;

  // Event types (subtypes of BaseEventType)
  public static final long AXIS_FAULT_EVENT_TYPE = 1101;
  public static final long COMMUNICATION_LOST_EVENT_TYPE = 1102;
  public static final long COMMUNICATION_RESTORED_EVENT_TYPE = 1103;
  public static final long MOVE_COMPLETED_EVENT_TYPE = 1104;

  /** An axis of a moving group failed; SourceNode is the group object. */
  public static final long GROUP_FAULT_EVENT_TYPE = 1105;

  // Data types (enumerations; values are Int32 on the wire)
  public static final long AXIS_STATE_ENUMERATION = 3001;
  public static final long GROUP_STATE_ENUMERATION = 3002;
  public static final long AXIS_MOTION_PROFILE_ENUMERATION = 3003;
  public static final long MACHINE_STATE_ENUMERATION = 3004;
  public static final long MOTION_DEVICE_CATEGORY_ENUMERATION = 3005;

  // Reference types
  /** PowerTrain to the axis it moves; inverse name IsMovedBy. */
  public static final long MOVES = 4001;

  /** Motor to gear and back; symmetric. */
  public static final long IS_CONNECTED_TO = 4002;

  /** Motor to the drive that powers it; inverse name Drives. */
  public static final long IS_DRIVEN_BY = 4003;

  private MotionUaModel() {}

  /**
   * The NodeId of one of this model's nodes in a server.
   *
   * @param namespaceIndex the server's index of {@link #NAMESPACE_URI}.
   * @param id one of the constants of this class (or any numeric id of the model).
   */
  public static NodeId nodeId(UShort namespaceIndex, long id) {
    return new NodeId(namespaceIndex, uint(id));
  }

  /**
   * The official models MotionUA.NodeSet2.xml requires (its types are subtypes of theirs), in
   * dependency order: load them first.
   */
  public static final java.util.List<CompanionNodeSet> REQUIRED_MODELS =
      java.util.List.of(CompanionNodeSet.DI, CompanionNodeSet.MACHINERY, CompanionNodeSet.ROBOTICS);

  /**
   * Loads the required official models that the server does not have yet, then
   * MotionUA.NodeSet2.xml.
   */
  public static LoadedNodeSet load(org.eclipse.milo.opcua.sdk.server.OpcUaServer server)
      throws NodeSetException {
    for (CompanionNodeSet model : REQUIRED_MODELS) {
      if (NodeSetLoader.model(server, model.modelUri()).isEmpty()) {
        model.load(server);
      }
    }
    try (InputStream in = openNodeSet()) {
      return NodeSetLoader.load(server, in, NODESET_RESOURCE);
    } catch (java.io.IOException e) {
      throw new NodeSetException(NODESET_RESOURCE + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Opens the bundled MotionUA.NodeSet2.xml; the caller closes the stream. */
  public static InputStream openNodeSet() {
    InputStream in = MotionUaModel.class.getResourceAsStream(NODESET_RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "resource " + NODESET_RESOURCE + " is missing from the motionua-nodeset jar");
    }
    return in;
  }
}
