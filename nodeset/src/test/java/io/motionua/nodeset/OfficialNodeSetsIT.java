package io.motionua.nodeset;

import static io.motionua.nodeset.OfficialNodeSets.DI;
import static io.motionua.nodeset.OfficialNodeSets.FILES;
import static io.motionua.nodeset.OfficialNodeSets.ROBOTICS;
import static io.motionua.nodeset.OfficialNodeSets.countNodeElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the official DI, Machinery, Robotics, IA and PLCopen NodeSet2 files, in dependency order,
 * into one server, and browses them with the Milo client.
 */
class OfficialNodeSetsIT {

  private static final Map<String, LoadedNodeSet> loaded = new LinkedHashMap<>();
  private static TestServer testServer;
  private static OpcUaClient client;
  private static ClientBrowser browser;

  @BeforeAll
  static void loadAllAndConnect() throws Exception {
    testServer = TestServer.create();
    // DI before startup, the others after: the loader works on a running server too.
    for (String file : FILES.keySet()) {
      try (var in = OfficialNodeSets.open(file)) {
        loaded.put(file, NodeSetLoader.load(testServer.server, in, file));
      }
      if (loaded.size() == 1) {
        testServer.start();
      }
    }
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

  private static UShort ns(String uri) {
    return client.getNamespaceTable().getIndex(uri);
  }

  @Test
  void eachFileAddsExactlyAsManyNodesToItsNamespaceAsItHasNodeElements() throws Exception {
    for (var entry : FILES.entrySet()) {
      String file = entry.getKey();
      int elements = countNodeElements(file);
      assertTrue(elements > 50, file + " has " + elements + " node elements");
      assertEquals(elements, loaded.get(file).nodeCount(), file);
      UShort index = loaded.get(file).namespaceIndex(entry.getValue());
      long inNamespace =
          NodeSetLoader.namespace(testServer.server, entry.getValue())
              .getNodeManager()
              .getNodeIds()
              .stream()
              .filter(id -> id.getNamespaceIndex().equals(index))
              .count();
      assertEquals(elements, inNamespace, file + " nodes in namespace " + index);
    }
  }

  @Test
  void roboticsAxisTypeIsADiComponentTypeDownToBaseObjectType() throws Exception {
    NodeId axisType = new NodeId(ns(ROBOTICS), 16601);
    assertEquals(new QualifiedName(ns(ROBOTICS), "AxisType"), browseName(axisType));
    NodeId componentType = browser.supertype(axisType);
    assertEquals(new QualifiedName(ns(DI), "ComponentType"), browseName(componentType));
    NodeId topologyElementType = browser.supertype(componentType);
    assertEquals(new QualifiedName(ns(DI), "TopologyElementType"), browseName(topologyElementType));
    assertEquals(NodeIds.BaseObjectType, browser.supertype(topologyElementType));
    assertTrue(
        browser.browse(NodeIds.BaseObjectType, NodeIds.HasSubtype, BrowseDirection.Forward).stream()
            .anyMatch(r -> browser.local(r).equals(topologyElementType)),
        "BaseObjectType browses forward to DI's TopologyElementType");
  }

  @Test
  void roboticsActualPositionIsAMandatoryDoubleAnalogUnitType() throws Exception {
    NodeId parameterSet = browser.child(new NodeId(ns(ROBOTICS), 16601), "ParameterSet");
    assertEquals(new QualifiedName(ns(DI), "ParameterSet"), browseName(parameterSet));
    NodeId actualPosition = browser.child(parameterSet, "ActualPosition");
    assertEquals(
        NodeIds.ModellingRule_Mandatory, browser.target(actualPosition, NodeIds.HasModellingRule));
    assertEquals(NodeIds.AnalogUnitType, browser.target(actualPosition, NodeIds.HasTypeDefinition));
    assertEquals(NodeIds.Double, browser.attribute(actualPosition, AttributeId.DataType));
    NodeId units = browser.child(actualPosition, "EngineeringUnits");
    assertEquals(NodeIds.EUInformation, browser.attribute(units, AttributeId.DataType));
  }

  @Test
  void roboticsMotionProfileEnumerationReadsItsFiveNames() throws Exception {
    NodeId enumeration = new NodeId(ns(ROBOTICS), 3008);
    assertEquals(NodeIds.Enumeration, browser.supertype(enumeration));
    LocalizedText[] names =
        (LocalizedText[]) browser.value(browser.child(enumeration, "EnumStrings"));
    assertEquals(
        List.of("OTHER", "ROTARY", "ROTARY_ENDLESS", "LINEAR", "LINEAR_ENDLESS"),
        Arrays.stream(names).map(LocalizedText::text).toList());
    assertEquals(null, names[0].locale(), "a blank Locale element reads as no locale");
  }

  @Test
  void diInitLockArgumentsDecodeWithNameAndDataType() throws Exception {
    NodeId initLock = new NodeId(ns(DI), 6166);
    ExtensionObject[] values =
        (ExtensionObject[]) browser.value(browser.child(initLock, "InputArguments"));
    assertEquals(1, values.length);
    Argument argument = (Argument) values[0].decode(client.getStaticEncodingContext());
    assertEquals("Context", argument.getName());
    assertEquals(NodeIds.String, argument.getDataType());
  }

  private static QualifiedName browseName(NodeId node) throws Exception {
    return (QualifiedName) browser.attribute(node, AttributeId.BrowseName);
  }
}
