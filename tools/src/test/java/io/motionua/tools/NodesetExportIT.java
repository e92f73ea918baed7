package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.nodeset.CompanionNodeSet;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
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
