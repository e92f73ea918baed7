package io.motionua.tools;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.nodeset.NodeSetException;
import io.motionua.nodeset.NodeSetExporter;
import io.motionua.server.MotionUa;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.MachineNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    header =
        "Write the server's model (types, or types and a machine's instances) as NodeSet2 XML.",
    mixinStandardHelpOptions = true,
    description = {
      "Write the server's model as NodeSet2 XML, built offline from the machine file (no drive",
      "is contacted, no port is opened). Without --types-only the file holds the machine's",
      "instances (namespace urn:motionua:<machine>:instances), which require the MotionUA types",
      "model (http://motionua.io/UA/); with --types-only it holds that types model.",
      "Both files validate against UANodeSet.xsd and load back into any NodeSet2-aware server."
    },
    footer = {
      "",
      "Examples:",
      "  motionua nodeset export --types-only -o MotionUA.NodeSet2.xml",
      "  motionua nodeset export --config machine.yaml -o machine.NodeSet2.xml"
    })
final class NodesetExportCommand implements Callable<Integer> {

  @Mixin MachineOptions machine;

  @Option(
      names = "--types-only",
      description = "Export only the types model (http://motionua.io/UA/).")
  boolean typesOnly;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The NodeSet2 XML file to write.")
  Path output;

  @Override
  public Integer call() throws Exception {
    MachineConfig config = machine.loadOrReport();
    if (config == null) {
      return Main.EXIT_BAD_INPUT;
    }
    Path scratch = Files.createTempDirectory("motionua-export");
    try (MotionUa motionUa = new MotionUa(config, scratch)) {
      OpcUaServer server = motionUa.buildOffline();
      String uri = typesOnly ? MotionUaModel.NAMESPACE_URI : MachineNamespace.namespaceUri(config);
      try (OutputStream out = Files.newOutputStream(output)) {
        NodeSetExporter.export(server, uri, !typesOnly, out);
      } catch (IOException e) {
        System.err.println("motionua: " + output + ": cannot write: " + e.getMessage());
        return Main.EXIT_FAILED;
      } catch (NodeSetException e) {
        System.err.println("motionua: " + e.getMessage());
        return Main.EXIT_FAILED;
      }
      System.out.println("wrote " + uri + " to " + output);
      return 0;
    } finally {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
