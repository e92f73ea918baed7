package io.motionua.server.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.nodeset.MotionUaModel;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The instances' browse names follow MotionUA.NodeSet2.xml: every child the file declares is in the
 * namespace {@link ModelNames} gives it (2 DI, 3 Robotics, 4 Machinery in the file's own
 * NamespaceUris, 1 MotionUA).
 */
class ModelNamesTest {

  @Test
  void everyDeclaredChildOfTheFileIsInTheNamespaceTheServerUses() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (InputStream in = MotionUaModel.openNodeSet()) {
      var doc = factory.newDocumentBuilder().parse(in);
      for (String tag : List.of("UAObject", "UAVariable")) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
          Element e = (Element) nodes.item(i);
          String browseName = e.getAttribute("BrowseName");
          int colon = browseName.indexOf(':');
          if (e.getAttribute("ParentNodeId").isEmpty() || colon < 0) {
            continue; // not a declared child, or a UA core name (EngineeringUnits, EURange...)
          }
          String name = browseName.substring(colon + 1);
          int expected =
              ModelNames.DI.contains(name)
                  ? 2
                  : ModelNames.ROBOTICS.contains(name)
                      ? 3
                      : ModelNames.MACHINERY.contains(name) ? 4 : 1;
          checked++;
          if (Integer.parseInt(browseName.substring(0, colon)) != expected) {
            wrong.add(browseName + " (expected namespace " + expected + ")");
          }
        }
      }
    }
    assertTrue(checked > 80, "declared children checked: " + checked);
    assertEquals(List.of(), wrong);
  }
}
