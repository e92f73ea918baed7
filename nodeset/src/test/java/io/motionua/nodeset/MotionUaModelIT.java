package io.motionua.nodeset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads MotionUA.NodeSet2.xml into a server and browses it with the Milo client. */
class MotionUaModelIT {

  private static TestServer testServer;
  private static OpcUaClient client;
  private static UShort ns;
  private static ClientBrowser browser;

  @BeforeAll
  static void startServerWithModel() throws Exception {
    testServer = TestServer.create();
    OfficialNodeSets.loadRequiredByMotionUa(testServer.server);
    try (InputStream in = MotionUaModel.openNodeSet()) {
      LoadedNodeSet loaded =
          NodeSetLoader.load(testServer.server, in, MotionUaModel.NODESET_RESOURCE);
      ns = loaded.namespaceIndex(MotionUaModel.NAMESPACE_URI);
    }
    testServer.start();
    client = OpcUaClient.create(testServer.endpointUrl());
    client.connect();
    browser = new ClientBrowser(client);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.disconnect();
    }
    if (testServer != null) {
      testServer.close();
    }
  }

  private static NodeId id(long id) {
    return MotionUaModel.nodeId(ns, id);
  }

  private static NodeId child(NodeId parent, String name) throws Exception {
    return browser.child(parent, name);
  }

  private static NodeId target(NodeId node, NodeId referenceType) throws Exception {
    return browser.target(node, referenceType);
  }

  private static Object read(NodeId node) throws Exception {
    return browser.value(node);
  }

  @Test
  void axisTypeIsASubtypeOfRoboticsAxisTypeSeenFromBothEnds() throws Exception {
    UShort robotics = testServer.server.getNamespaceTable().getIndex(OfficialNodeSets.ROBOTICS);
    NodeId roboticsAxisType =
        new NodeId(
            robotics,
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger.valueOf(16601));
    List<ReferenceDescription> supertypes =
        browser.browse(id(MotionUaModel.AXIS_TYPE), NodeIds.HasSubtype, BrowseDirection.Inverse);
    assertEquals(1, supertypes.size());
    assertEquals(roboticsAxisType, supertypes.get(0).getNodeId().toNodeId(null).orElseThrow());

    List<ReferenceDescription> subtypes =
        browser.browse(roboticsAxisType, NodeIds.HasSubtype, BrowseDirection.Forward);
    assertTrue(
        subtypes.stream()
            .anyMatch(r -> r.getBrowseName().equals(new QualifiedName(ns, "AxisType"))),
        "Robotics AxisType lists MotionUA's AxisType among its subtypes");
  }

  @Test
  void actualPositionIsAMandatoryAnalogUnitTypeWithUnitsAndRange() throws Exception {
    NodeId parameterSet = child(id(MotionUaModel.AXIS_TYPE), "ParameterSet");
    NodeId actualPosition = child(parameterSet, "ActualPosition");
    assertEquals(NodeIds.ModellingRule_Mandatory, target(actualPosition, NodeIds.HasModellingRule));
    assertEquals(NodeIds.AnalogUnitType, target(actualPosition, NodeIds.HasTypeDefinition));

    assertEquals(NodeIds.Double, browser.attribute(actualPosition, AttributeId.DataType));
    Object units = read(child(actualPosition, "EngineeringUnits"));
    var eu =
        (org.eclipse.milo.opcua.stack.core.types.structured.EUInformation)
            ((ExtensionObject) units).decode(client.getStaticEncodingContext());
    assertEquals("mm", eu.getDisplayName().text());
  }

  @Test
  void axisStateEnumStringsReadBackThePlcopenStates() throws Exception {
    NodeId enumStrings = child(id(MotionUaModel.AXIS_STATE_ENUMERATION), "EnumStrings");
    LocalizedText[] names = (LocalizedText[]) read(enumStrings);
    assertEquals(
        List.of(
            "Disabled",
            "Standstill",
            "Homing",
            "DiscreteMotion",
            "ContinuousMotion",
            "SynchronizedMotion",
            "Stopping",
            "ErrorStop"),
        Arrays.stream(names).map(LocalizedText::text).toList());
  }

  @Test
  void axisStateDataTypeDefinitionReadsBackAsAnEnumDefinition() throws Exception {
    Object value =
        browser.attribute(id(MotionUaModel.AXIS_STATE_ENUMERATION), AttributeId.DataTypeDefinition);
    Object decoded =
        value instanceof ExtensionObject xo ? xo.decode(client.getStaticEncodingContext()) : value;
    var fields = ((EnumDefinition) decoded).getFields();
    assertEquals(8, fields.length);
    assertEquals("SynchronizedMotion", fields[5].getName());
    assertEquals(5L, fields[5].getValue());
  }

  @Test
  void moveAbsoluteHasFourNamedDoubleInputArguments() throws Exception {
    NodeId method = child(id(MotionUaModel.AXIS_TYPE), "MoveAbsolute");
    ExtensionObject[] values = (ExtensionObject[]) read(child(method, "InputArguments"));
    List<Argument> arguments =
        Arrays.stream(values)
            .map(v -> (Argument) v.decode(client.getStaticEncodingContext()))
            .toList();
    assertEquals(
        List.of("Position", "Velocity", "Acceleration", "Deceleration"),
        arguments.stream().map(Argument::getName).toList());
    for (Argument a : arguments) {
      assertEquals(NodeIds.Double, a.getDataType(), a.getName());
      assertTrue(!a.getDescription().text().isEmpty(), a.getName() + " is documented");
    }
  }

  @Test
  void eventFactoryCreatesAnAxisFaultEventWithItsProperties() throws Exception {
    BaseEventTypeNode event =
        testServer
            .server
            .getEventFactory()
            .createEvent(
                new NodeId(1, UUID.randomUUID()),
                MotionUaModel.nodeId(ns, MotionUaModel.AXIS_FAULT_EVENT_TYPE));
    try {
      assertTrue(event.getPropertyNode(new QualifiedName(ns, "FaultCode")).isPresent());
      assertTrue(event.getPropertyNode(new QualifiedName(ns, "FaultText")).isPresent());
      event.setSeverity(
          org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort(700));
      assertEquals(700, event.getSeverity().intValue());
    } finally {
      event.delete();
    }
  }

  @Test
  void groupFaultEventTypeIsABaseEventTypeWhoseEventsHaveTheAxisCauseCommandAndReaction()
      throws Exception {
    NodeId type = id(MotionUaModel.GROUP_FAULT_EVENT_TYPE);
    assertEquals(NodeIds.BaseEventType, browser.supertype(type));
    List<String> names = List.of("Axis", "AxisName", "Cause", "Command", "FaultReaction");
    for (String name : names) {
      NodeId property = child(type, name);
      assertEquals(NodeIds.PropertyType, target(property, NodeIds.HasTypeDefinition), name);
      assertEquals(NodeIds.ModellingRule_Mandatory, target(property, NodeIds.HasModellingRule));
      assertEquals(
          name.equals("Axis") ? NodeIds.NodeId : NodeIds.String,
          browser.attribute(property, AttributeId.DataType),
          name);
    }
    BaseEventTypeNode event =
        testServer.server.getEventFactory().createEvent(new NodeId(1, UUID.randomUUID()), type);
    try {
      for (String name : names) {
        assertTrue(event.getPropertyNode(new QualifiedName(ns, name)).isPresent(), name);
      }
    } finally {
      event.delete();
    }
  }
}
