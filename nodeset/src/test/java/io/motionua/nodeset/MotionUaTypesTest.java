package io.motionua.nodeset;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.junit.jupiter.api.Test;

/** Instances of the MotionUA types in a namespace built in code, as the server builds them. */
class MotionUaTypesTest {

  private static UShort loadModel(TestServer ts) throws Exception {
    OfficialNodeSets.loadRequiredByMotionUa(ts.server);
    try (InputStream in = MotionUaModel.openNodeSet()) {
      return NodeSetLoader.load(ts.server, in, MotionUaModel.NODESET_RESOURCE)
          .namespaceIndex(MotionUaModel.NAMESPACE_URI);
    }
  }

  @Test
  void anAxisInTheServersOwnNamespaceExportsAndLoadsBackAfterTheModel() throws Exception {
    String first;
    try (TestServer a = TestServer.create()) {
      UShort types = loadModel(a);
      // A namespace built in code, as the server builds its machine.
      var machine = new NodeSetNamespace(a.server, "urn:test:machine");
      machine.startup();
      NodeId axisId = new NodeId(machine.getNamespaceIndex(), "Arm/Axis1");
      UaNode axis =
          new NodeFactory(machine.getNodeContext())
              .createNode(axisId, MotionUaModel.nodeId(types, MotionUaModel.AXIS_TYPE));
      axis.setBrowseName(new QualifiedName(machine.getNamespaceIndex(), "Axis1"));
      machine
          .getNodeManager()
          .addReferences(
              new Reference(NodeIds.ObjectsFolder, NodeIds.Organizes, axisId.expanded(), true),
              a.server.getNamespaceTable());
      // A method made in code: Milo keeps its arguments as Argument[], not extension objects.
      UaMethodNode jog =
          new UaMethodNode(
              machine.getNodeContext(),
              new NodeId(machine.getNamespaceIndex(), "Arm/Axis1/Jog"),
              new QualifiedName(machine.getNamespaceIndex(), "Jog"),
              LocalizedText.english("Jog"),
              LocalizedText.NULL_VALUE,
              uint(0),
              uint(0),
              true,
              true);
      machine.getNodeManager().addNode(jog);
      axis.addReference(
          new Reference(axisId, NodeIds.HasComponent, jog.getNodeId().expanded(), true));
      jog.setInputArguments(
          new Argument[] {
            new Argument(
                "Speed", NodeIds.Double, -1, null, LocalizedText.english("Signed speed, mm/s"))
          });
      int created = machine.getNodeManager().getNodes().size();
      assertTrue(created > 20, "NodeFactory made the axis with its mandatory children");

      first = NodeSetExporter.exportToString(a.server, "urn:test:machine", true);
      assertTrue(first.contains("<Uri>http://motionua.io/UA/</Uri>"), first);
      assertTrue(first.contains("<Name>Speed</Name>"), "the code-made method's argument");
      SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(OfficialNodeSets.schema())
          .newValidator()
          .validate(new StreamSource(new StringReader(first)));

      try (TestServer b = TestServer.create()) {
        loadModel(b);
        LoadedNodeSet again =
            NodeSetLoader.load(
                b.server,
                new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)),
                "machine.xml");
        assertEquals(created, again.nodeCount());
        assertEquals(first, NodeSetExporter.exportToString(b.server, "urn:test:machine", true));
      }
    }
  }
}
