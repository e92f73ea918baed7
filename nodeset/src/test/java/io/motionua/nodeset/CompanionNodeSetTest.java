package io.motionua.nodeset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import org.junit.jupiter.api.Test;

/** The shipped official files are what the catalogue and NOTICE say they are. */
class CompanionNodeSetTest {

  /** The first Model element of a file: its URI and version, read with StAX. */
  private static String[] firstModel(CompanionNodeSet file) throws Exception {
    try (InputStream in = file.open()) {
      var reader = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT
            && reader.getLocalName().equals("Model")) {
          return new String[] {
            reader.getAttributeValue(null, "ModelUri"), reader.getAttributeValue(null, "Version")
          };
        }
      }
    }
    throw new AssertionError(file.fileName() + " has no Model element");
  }

  @Test
  void eachShippedFileDeclaresTheModelAndVersionItIsListedWith() throws Exception {
    for (CompanionNodeSet file : CompanionNodeSet.values()) {
      String[] model = firstModel(file);
      assertEquals(file.modelUri(), model[0], file.fileName());
      assertEquals(file.version(), model[1], file.fileName());
    }
  }

  @Test
  void eachShippedFileKeepsItsLicenseHeader() throws Exception {
    for (CompanionNodeSet file : CompanionNodeSet.values()) {
      try (InputStream in = file.open()) {
        String head = new String(in.readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(head.contains("OPC Foundation MIT License 1.00"), file.fileName());
      }
    }
  }

  @Test
  void noticeNamesEveryShippedFileWithItsVersionAndTheSourceCommit() throws Exception {
    // Tests run in the module directory; NOTICE is at the repository root, inside the clone.
    String notice = Files.readString(Path.of("..", "NOTICE"));
    assertTrue(notice.contains("a2d4ae8b337ff9f014878fc88f9b6acda0ff3674"), "source commit");
    assertTrue(notice.contains("OPC Foundation MIT License 1.00"), "license");
    for (CompanionNodeSet file : CompanionNodeSet.values()) {
      String line =
          notice
              .lines()
              .filter(l -> l.contains(file.fileName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("NOTICE does not name " + file.fileName()));
      assertTrue(line.contains(file.version()), line);
      assertTrue(line.contains(file.modelUri()), line);
    }
    assertTrue(notice.contains("UANodeSet.xsd"), "schema");
  }
}
