package io.motionua.nodeset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.eclipse.milo.opcua.sdk.server.nodes.UaDataTypeNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumDefinition;
import org.junit.jupiter.api.Test;

/** Loads NodeSet2 files into a server that is never started (no sockets). */
class NodeSetLoaderTest {

  private static final String MINIMAL =
      """
      <UANodeSet xmlns="http://opcfoundation.org/UA/2011/03/UANodeSet.xsd">
        <NamespaceUris><Uri>urn:test:%s</Uri></NamespaceUris>
        <Models>
          <Model ModelUri="urn:test:%s">%s</Model>
        </Models>
        <UAObjectType NodeId="ns=1;i=1" BrowseName="1:ThingType">
          <DisplayName>ThingType</DisplayName>
          <References>
            <Reference ReferenceType="i=45" IsForward="false">i=58</Reference>
            %s
          </References>
        </UAObjectType>
      </UANodeSet>
      """;

  private static InputStream xml(String name, String required, String extraReference) {
    String text = MINIMAL.formatted(name, name, required, extraReference);
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static NodeSetException refused(TestServer ts, String text, String name) {
    return assertThrows(
        NodeSetException.class,
        () ->
            NodeSetLoader.load(
                ts.server, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name));
  }

  @Test
  void motionUaNodeSetValidatesAgainstTheOfficialSchema() throws Exception {
    var schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(OfficialNodeSets.schema());
    try (InputStream in = MotionUaModel.openNodeSet()) {
      schema.newValidator().validate(new StreamSource(in));
    }
  }

  @Test
  void everyNodeOfTheMotionUaFileIsAddedWithItsAttributes() throws Exception {
    try (TestServer ts = TestServer.create();
        InputStream in = MotionUaModel.openNodeSet()) {
      OfficialNodeSets.loadRequiredByMotionUa(ts.server);
      LoadedNodeSet loaded = NodeSetLoader.load(ts.server, in, "MotionUA.NodeSet2.xml");
      UShort ns = loaded.namespaceIndex(MotionUaModel.NAMESPACE_URI);
      assertEquals(ns, ts.server.getNamespaceTable().getIndex(MotionUaModel.NAMESPACE_URI));

      long elements;
      try (InputStream again = MotionUaModel.openNodeSet()) {
        elements = NodeSetDocument.parse(again, "again").nodes.size();
      }
      assertEquals(elements, loaded.nodeCount());
      var namespace = NodeSetLoader.namespace(ts.server, MotionUaModel.NAMESPACE_URI);
      assertEquals(elements, namespace.getNodeManager().getNodes().size());

      var axisState =
          ts.server
              .getAddressSpaceManager()
              .getManagedNode(MotionUaModel.nodeId(ns, MotionUaModel.AXIS_STATE_ENUMERATION))
              .orElseThrow();
      var definition = (EnumDefinition) ((UaDataTypeNode) axisState).getDataTypeDefinition();
      assertEquals(
          "ErrorStop",
          definition.getFields()[7].getName(),
          Arrays.toString(definition.getFields()));

      NodeId axisType = MotionUaModel.nodeId(ns, MotionUaModel.AXIS_TYPE);
      assertNotNull(ts.server.getObjectTypeTree().getType(axisType), "type tree knows AxisType");
      assertTrue(ts.server.getObjectTypeTree().isSubtypeOf(axisType, NodeIds.BaseObjectType));
    }
  }

  @Test
  void aDanglingReferenceIsRefusedNamingTheNodeAndTheTarget() throws Exception {
    try (TestServer ts = TestServer.create()) {
      int namespacesBefore = ts.server.getNamespaceTable().toArray().length;
      var e =
          assertThrows(
              NodeSetException.class,
              () ->
                  NodeSetLoader.load(
                      ts.server,
                      xml(
                          "dangling",
                          "",
                          "<Reference ReferenceType=\"i=47\">ns=1;i=99</Reference>"),
                      "dangling.xml"));
      assertTrue(
          e.getMessage().startsWith("dangling.xml: node ns=1;i=1 (ThingType)"), e.getMessage());
      assertTrue(e.getMessage().contains("HasComponent points to nsu=urn:test:dangling;i=99"));
      assertEquals(namespacesBefore, ts.server.getNamespaceTable().toArray().length);
      assertTrue(ts.server.getNamespaceTable().getIndex("urn:test:dangling") == null);
    }
  }

  @Test
  void aMissingRequiredModelIsRefusedNamingTheModel() throws Exception {
    try (TestServer ts = TestServer.create()) {
      var e =
          assertThrows(
              NodeSetException.class,
              () ->
                  NodeSetLoader.load(
                      ts.server,
                      xml(
                          "needy",
                          "<RequiredModel ModelUri=\"http://opcfoundation.org/UA/DI/\""
                              + " Version=\"1.04.0\"/>",
                          ""),
                      "needy.xml"));
      assertEquals(
          "needy.xml: model urn:test:needy requires model http://opcfoundation.org/UA/DI/"
              + " 1.04.0, which is not loaded; load its NodeSet2 file first",
          e.getMessage());
    }
  }

  @Test
  void aModelIsLoadedOnlyOnce() throws Exception {
    try (TestServer ts = TestServer.create()) {
      NodeSetLoader.load(ts.server, xml("once", "", ""), "once.xml");
      var e =
          assertThrows(
              NodeSetException.class,
              () -> NodeSetLoader.load(ts.server, xml("once", "", ""), "twice.xml"));
      assertTrue(e.getMessage().contains("model urn:test:once is already loaded"), e.getMessage());
    }
  }

  @Test
  void theOfficialRoboticsFileIsRefusedWhileDiIsMissing() throws Exception {
    try (TestServer ts = TestServer.create();
        InputStream in = OfficialNodeSets.open("Opc.Ua.Robotics.NodeSet2.xml")) {
      var e =
          assertThrows(NodeSetException.class, () -> NodeSetLoader.load(ts.server, in, "r.xml"));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "r.xml: model http://opcfoundation.org/UA/Robotics/ requires model"
                      + " http://opcfoundation.org/UA/DI/"),
          e.getMessage());
      assertEquals(
          null, ts.server.getNamespaceTable().getIndex("http://opcfoundation.org/UA/Robotics/"));
    }
  }

  @Test
  void anOfficialFileWithABrokenReferenceIsRefusedAndAddsNothing() throws Exception {
    try (TestServer ts = TestServer.create()) {
      try (InputStream di = OfficialNodeSets.open("Opc.Ua.Di.NodeSet2.xml")) {
        NodeSetLoader.load(ts.server, di, "di.xml");
      }
      String machinery =
          OfficialNodeSets.read("Opc.Ua.Machinery.NodeSet2.xml")
              .replaceFirst(
                  "<Reference ReferenceType=\"HasTypeDefinition\">i=58</Reference>",
                  "<Reference ReferenceType=\"HasTypeDefinition\">ns=2;i=987654</Reference>");
      var e = refused(ts, machinery, "machinery.xml");
      assertTrue(e.getMessage().startsWith("machinery.xml: node ns=1;i="), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "reference HasTypeDefinition points to nsu=http://opcfoundation.org/UA/DI/;"
                      + "i=987654, which exists neither in the file nor in the server"),
          e.getMessage());
      assertEquals(
          null, ts.server.getNamespaceTable().getIndex("http://opcfoundation.org/UA/Machinery/"));
      assertThrows(
          IllegalArgumentException.class,
          () -> NodeSetLoader.namespace(ts.server, "http://opcfoundation.org/UA/Machinery/"));
    }
  }

  @Test
  void aFileThatIsNotXmlIsRefusedWithItsLine() throws Exception {
    try (TestServer ts = TestServer.create()) {
      var in = new ByteArrayInputStream("<UANodeSet>\n<oops".getBytes(StandardCharsets.UTF_8));
      var e =
          assertThrows(NodeSetException.class, () -> NodeSetLoader.load(ts.server, in, "bad.xml"));
      assertTrue(
          e.getMessage().startsWith("bad.xml: not a readable XML file (line 2"), e.getMessage());
    }
  }

  @Test
  void versionsCompareByNumberNotByText() {
    assertTrue(ModelVersion.olderThan("1.02", "1.04.0"));
    assertTrue(ModelVersion.olderThan("1.9", "1.10"));
    assertTrue(!ModelVersion.olderThan("1.04.0", "1.04"));
    assertTrue(!ModelVersion.olderThan(null, "1.0"));
  }

  @Test
  void aNodeThatAlreadyExistsIsRefused() throws Exception {
    try (TestServer ts = TestServer.create()) {
      NodeSetLoader.load(ts.server, xml("first", "", ""), "first.xml");
      String again =
          """
          <UANodeSet xmlns="http://opcfoundation.org/UA/2011/03/UANodeSet.xsd">
            <NamespaceUris><Uri>urn:test:first</Uri></NamespaceUris>
            <UAObjectType NodeId="ns=1;i=1" BrowseName="1:Other">
              <References><Reference ReferenceType="i=45" IsForward="false">i=58</Reference></References>
            </UAObjectType>
          </UANodeSet>
          """;
      var e = refused(ts, again, "again.xml");
      assertEquals(
          "again.xml: node ns=1;i=1 (Other): a node with this NodeId already exists in the server",
          e.getMessage());
    }
  }

  @Test
  void aNodeInTheUaCoreNamespaceIsRefused() throws Exception {
    try (TestServer ts = TestServer.create()) {
      String core =
          """
          <UANodeSet xmlns="http://opcfoundation.org/UA/2011/03/UANodeSet.xsd">
            <UAObjectType NodeId="i=999999" BrowseName="Sneaky">
              <References><Reference ReferenceType="i=45" IsForward="false">i=58</Reference></References>
            </UAObjectType>
          </UANodeSet>
          """;
      var e = refused(ts, core, "core.xml");
      assertTrue(e.getMessage().contains("node i=999999 (Sneaky): adds a node to the UA core"));
    }
  }
}
