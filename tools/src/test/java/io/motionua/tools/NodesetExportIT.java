package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.nodeset.CompanionNodeSet;
import io.motionua.nodeset.MotionUaModel;
import io.motionua.nodeset.NodeSetLoader;
import io.motionua.server.audit.AuditLog;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.MotionUaServer;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motionua nodeset export} as a user runs it: the types model and the demo machine's
 * instances, each a file that validates against the official UANodeSet.xsd (the project's copy).
 */
class NodesetExportIT {

  private static final URL XSD = CompanionNodeSet.schema();

  @TempDir Path dir;

  private void exportAndValidate(String expectedUri, String... options) throws Exception {
    Path out = dir.resolve("out.xml");
    String[] args = new String[options.length + 4];
    args[0] = "nodeset";
    args[1] = "export";
    System.arraycopy(options, 0, args, 2, options.length);
    args[options.length + 2] = "-o";
    args[options.length + 3] = out.toString();
    ItSupport.Result r =
        ItSupport.run(ItSupport.motionuaCommand(args), dir, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r::describe);
    assertTrue(r.stdout().contains("wrote " + expectedUri), r::describe);
    String xml = Files.readString(out);
    assertTrue(xml.contains("<Model ModelUri=\"" + expectedUri + "\""), "model of " + expectedUri);
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(XSD)
        .newValidator()
        .validate(new StreamSource(out.toFile()));
  }

  /**
   * The demo's export, instances and types, loads back through MotionUA's own loader after the
   * shipped DI, Machinery and Robotics files, and into node-opcua's address space (nodeset-load.js,
   * node-opcua's generateAddressSpace) after node-opcua's UA core and the same official files; both
   * loaders count the same nodes, and node-opcua resolves axis J1's type to MotionUA's AxisType, a
   * subtype of Robotics' AxisType.
   */
  @Test
  void demoExportLoadsBackThroughOurLoaderAndInNodeOpcuaWithTheOfficialModels() throws Exception {
    exportAndValidate("http://motionua.io/UA/", "--types-only");
    Path types = Files.move(dir.resolve("out.xml"), dir.resolve("types.xml"));
    exportAndValidate("urn:motionua:DemoArm:instances");
    Path instances = Files.move(dir.resolve("out.xml"), dir.resolve("instances.xml"));
    List<String> files = new ArrayList<>();
    for (CompanionNodeSet model : MotionUaModel.REQUIRED_MODELS) {
      Path file = dir.resolve(model.fileName());
      try (InputStream in = model.open()) {
        Files.copy(in, file);
      }
      files.add(file.toString());
    }

    // Our loader, on a server that has only the UA core and the official models.
    Path data = Files.createDirectories(dir.resolve("data"));
    MachineConfig bare = ConfigLoader.parse("bare.yaml", "machine:\n  name: Bare\n", null);
    int typeNodes;
    int instanceNodes;
    try (AuditLog audit = AuditLog.open(data)) {
      OpcUaServer server = MotionUaServer.create(bare, data, audit);
      for (CompanionNodeSet model : MotionUaModel.REQUIRED_MODELS) {
        model.load(server);
      }
      typeNodes = NodeSetLoader.load(server, types).nodeCount();
      instanceNodes = NodeSetLoader.load(server, instances).nodeCount();
    }
    assertTrue(instanceNodes > 1000, "instance nodes: " + instanceNodes);

    Path node = ItSupport.onPath("node").orElse(null);
    Assumptions.assumeTrue(node != null, "node is not on PATH: node-opcua check skipped");
    List<String> command =
        new ArrayList<>(
            List.of(
                node.toString(),
                "nodeset-load.js",
                "--type-of",
                "urn:motionua:DemoArm:instances",
                "DemoArm/MotionDevices/Arm/Axes/J1"));
    command.addAll(files);
    command.add(types.toString());
    command.add(instances.toString());
    ItSupport.Result load = ItSupport.run(command, ItSupport.nodeDir(), Duration.ofSeconds(120));
    assertEquals(0, load.exitCode(), load::describe);
    Map<String, Object> json = load.json();
    Map<String, Object> nodes = MiniJson.object(json.get("nodes"), "nodes");
    assertEquals(
        typeNodes, ((Number) nodes.get("http://motionua.io/UA/")).intValue(), load::describe);
    assertEquals(
        instanceNodes,
        ((Number) nodes.get("urn:motionua:DemoArm:instances")).intValue(),
        load::describe);
    List<Object> typeOf = MiniJson.array(json.get("typeOf"), "typeOf");
    assertEquals(
        List.of(
            Map.of("uri", "http://motionua.io/UA/", "name", "AxisType"),
            Map.of("uri", "http://opcfoundation.org/UA/Robotics/", "name", "AxisType")),
        typeOf.subList(0, 2),
        load::describe);
  }

  @Test
  void typesOnlyExportValidatesAgainstTheSchema() throws Exception {
    exportAndValidate("http://motionua.io/UA/", "--types-only");
  }

  @Test
  void demoInstancesExportValidatesAndNamesTheTypesModel() throws Exception {
    exportAndValidate("urn:motionua:DemoArm:instances");
    String xml = Files.readString(dir.resolve("out.xml"));
    assertTrue(xml.contains("RequiredModel ModelUri=\"http://motionua.io/UA/\""), "requires types");
    assertTrue(xml.contains("MoveAbsolute"), "the axes' methods are exported");
  }
}
