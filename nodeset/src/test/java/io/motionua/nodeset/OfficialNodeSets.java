package io.motionua.nodeset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;

/**
 * The official NodeSet2 files and the schema, read from the project's own copies in the nodeset
 * module's resources (never from outside the repository).
 */
final class OfficialNodeSets {

  static final String DI = CompanionNodeSet.DI.modelUri();
  static final String ROBOTICS = CompanionNodeSet.ROBOTICS.modelUri();

  /** File name to model URI, in dependency order. */
  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    for (CompanionNodeSet file : CompanionNodeSet.values()) {
      FILES.put(file.fileName(), file.modelUri());
    }
  }

  private OfficialNodeSets() {}

  /** Loads the official models MotionUA.NodeSet2.xml requires (DI, Machinery, Robotics). */
  static void loadRequiredByMotionUa(org.eclipse.milo.opcua.sdk.server.OpcUaServer server)
      throws NodeSetException {
    for (CompanionNodeSet model : MotionUaModel.REQUIRED_MODELS) {
      model.load(server);
    }
  }

  /** The official UANodeSet.xsd. */
  static URL schema() {
    return CompanionNodeSet.schema();
  }

  static InputStream open(String name) {
    for (CompanionNodeSet file : CompanionNodeSet.values()) {
      if (file.fileName().equals(name)) {
        return file.open();
      }
    }
    throw new IllegalArgumentException("no official NodeSet2 file named " + name);
  }

  static String read(String name) throws IOException {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Counts the node elements of a file with StAX, independently of the loader's parser. */
  static int countNodeElements(String file) throws Exception {
    int count = 0;
    int depth = 0;
    try (InputStream in = open(file)) {
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
