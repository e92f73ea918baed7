package io.motionua.nodeset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exports namespaces, validates them, loads them back and exports again (no sockets). */
class NodeSetExporterTest {

  private static Schema schema;

  @BeforeAll
  static void readSchema() throws Exception {
    schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(OfficialNodeSets.schema());
  }

  private static void validate(String xml) throws Exception {
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  private static LoadedNodeSet load(OpcUaServer server, String xml, String name) throws Exception {
    return NodeSetLoader.load(
        server, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), name);
  }

  private static void loadOfficial(OpcUaServer server, String file) throws Exception {
    try (InputStream in = OfficialNodeSets.open(file)) {
      NodeSetLoader.load(server, in, file);
    }
  }

  @Test
  void motionUaExportValidatesLoadsBackAndExportsTheSame() throws Exception {
    String first;
    try (TestServer a = TestServer.create();
        InputStream in = MotionUaModel.openNodeSet()) {
      OfficialNodeSets.loadRequiredByMotionUa(a.server);
      NodeSetLoader.load(a.server, in, "MotionUA.NodeSet2.xml");
      first = NodeSetExporter.exportToString(a.server, MotionUaModel.NAMESPACE_URI, true);
    }
    validate(first);
    try (TestServer b = TestServer.create()) {
      OfficialNodeSets.loadRequiredByMotionUa(b.server);
      LoadedNodeSet again = load(b.server, first, "export.xml");
      assertEquals(180, again.nodeCount());
      String second = NodeSetExporter.exportToString(b.server, MotionUaModel.NAMESPACE_URI, true);
      assertEquals(first, second);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Opc.Ua.Di.NodeSet2.xml",
        "Opc.Ua.Machinery.NodeSet2.xml",
        "Opc.Ua.Robotics.NodeSet2.xml",
        "Opc.Ua.IA.NodeSet2.xml",
        "Opc.Ua.PLCopen.NodeSet2_V1.02.xml"
      })
  void officialFileExportValidatesLoadsBackOnItsDependenciesAndExportsTheSame(String file)
      throws Exception {
    String uri = OfficialNodeSets.FILES.get(file);
    boolean needsDi = !uri.equals(OfficialNodeSets.DI);
    String first;
    try (TestServer a = TestServer.create()) {
      if (needsDi) {
        loadOfficial(a.server, "Opc.Ua.Di.NodeSet2.xml");
      }
      loadOfficial(a.server, file);
      first = NodeSetExporter.exportToString(a.server, uri, true);
    }
    validate(first);
    try (TestServer b = TestServer.create()) {
      if (needsDi) {
        loadOfficial(b.server, "Opc.Ua.Di.NodeSet2.xml");
      }
      LoadedNodeSet again = load(b.server, first, file + " export");
      assertEquals(OfficialNodeSets.countNodeElements(file), again.nodeCount());
      assertEquals(first, NodeSetExporter.exportToString(b.server, uri, true));
    }
  }

  @Test
  void diExportKeepsMethodArguments() throws Exception {
    try (TestServer a = TestServer.create()) {
      loadOfficial(a.server, "Opc.Ua.Di.NodeSet2.xml");
      String xml = NodeSetExporter.exportToString(a.server, OfficialNodeSets.DI, true);
      assertTrue(xml.contains("<Name>Context</Name>"), "method arguments are exported");
    }
  }

  @Test
  void typesOnlyLeavesOutAnAxisMadeFromAxisType() throws Exception {
    try (TestServer a = TestServer.create();
        InputStream in = MotionUaModel.openNodeSet()) {
      OfficialNodeSets.loadRequiredByMotionUa(a.server);
      UShort ns =
          NodeSetLoader.load(a.server, in, "MotionUA.NodeSet2.xml")
              .namespaceIndex(MotionUaModel.NAMESPACE_URI);
      var namespace = NodeSetLoader.namespace(a.server, MotionUaModel.NAMESPACE_URI);
      NodeId axisId = new NodeId(ns, "Axis1");
      UaNode axis =
          new NodeFactory(namespace.getNodeContext())
              .createNode(axisId, MotionUaModel.nodeId(ns, MotionUaModel.AXIS_TYPE));
      axis.setBrowseName(new QualifiedName(ns, "Axis1"));
      namespace
          .getNodeManager()
          .addReferences(
              new Reference(NodeIds.ObjectsFolder, NodeIds.Organizes, axisId.expanded(), true),
              a.server.getNamespaceTable());
      // ParameterSet is DI's browse name, ActualPosition Robotics' (the official ones).
      UShort di = a.server.getNamespaceTable().getIndex(OfficialNodeSets.DI);
      UShort robotics = a.server.getNamespaceTable().getIndex(OfficialNodeSets.ROBOTICS);
      assertTrue(
          axis.findNode(new QualifiedName(di, "ParameterSet"))
              .flatMap(p -> p.findNode(new QualifiedName(robotics, "ActualPosition")))
              .isPresent(),
          "NodeFactory instantiates ParameterSet/ActualPosition from AxisType");

      String types = NodeSetExporter.exportToString(a.server, MotionUaModel.NAMESPACE_URI, false);
      String all = NodeSetExporter.exportToString(a.server, MotionUaModel.NAMESPACE_URI, true);
      assertFalse(types.contains("s=Axis1"), "types-only export has no instance");
      assertTrue(all.contains("NodeId=\"ns=1;s=Axis1\""), "full export has the instance");
      validate(all);
      try (TestServer b = TestServer.create()) {
        OfficialNodeSets.loadRequiredByMotionUa(b.server);
        assertEquals(180, load(b.server, types, "types.xml").nodeCount());
      }
      try (TestServer c = TestServer.create()) {
        OfficialNodeSets.loadRequiredByMotionUa(c.server);
        assertTrue(load(c.server, all, "all.xml").nodeCount() > 158 + 10);
      }
    }
  }
}
