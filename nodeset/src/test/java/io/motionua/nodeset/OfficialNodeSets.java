package io.motionua.nodeset;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;

/** Where the official NodeSet2 files and the schema live: ../shared/nodesets from the project. */
final class OfficialNodeSets {

  static final Path DIR = locate();

  static final String DI = "http://opcfoundation.org/UA/DI/";
  static final String ROBOTICS = "http://opcfoundation.org/UA/Robotics/";

  /** File name to model URI, in dependency order. */
  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("Opc.Ua.Di.NodeSet2.xml", DI);
    FILES.put("Opc.Ua.Machinery.NodeSet2.xml", "http://opcfoundation.org/UA/Machinery/");
    FILES.put("Opc.Ua.Robotics.NodeSet2.xml", ROBOTICS);
    FILES.put("Opc.Ua.IA.NodeSet2.xml", "http://opcfoundation.org/UA/IA/");
    FILES.put("Opc.Ua.PLCopen.NodeSet2_V1.02.xml", "http://PLCopen.org/OpcUa/IEC61131-3/");
  }

  private OfficialNodeSets() {}

  private static Path locate() {
    String configured = System.getProperty("motionua.nodesets");
    if (configured != null) {
      return Path.of(configured);
    }
    // Tests run in the module directory (nodeset/); the project root is its parent.
    for (Path p : new Path[] {Path.of("../../shared/nodesets"), Path.of("../shared/nodesets")}) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "official NodeSet2 files not found at ../shared/nodesets from the project root;"
            + " set -Dmotionua.nodesets=DIR");
  }

  static Path file(String name) {
    return DIR.resolve(name);
  }

  /** Counts the node elements of a file with StAX, independently of the loader's parser. */
  static int countNodeElements(String file) throws Exception {
    int count = 0;
    int depth = 0;
    try (InputStream in = Files.newInputStream(file(file))) {
      var reader = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2 && reader.getLocalName().startsWith("UA")) {
            count++;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
    return count;
  }
}
