package io.motionua.nodeset;

import static io.motionua.nodeset.NodeSetDocument.attr;
import static io.motionua.nodeset.NodeSetDocument.child;
import static io.motionua.nodeset.NodeSetDocument.children;
import static io.motionua.nodeset.NodeSetDocument.text;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.w3c.dom.Element;

/** Turns the node elements of a NodeSet2 file into {@link NodeElement}s, applying the defaults. */
final class NodeElementParser {

  private final NamespaceMapping mapping;
  private final XmlValueReader values;

  NodeElementParser(NamespaceMapping mapping, XmlValueReader values) {
    this.mapping = mapping;
    this.values = values;
  }

  NodeElement parse(Element e) throws NodeSetException {
    String name = e.getLocalName();
    String idText = e.getAttribute("NodeId");
    String ctx = "node " + idText;
    NodeId nodeId = mapping.nodeId(idText, ctx);
    boolean variable = name.equals("UAVariable") || name.equals("UAVariableType");

    List<NodeElement.ReferenceElement> references = new ArrayList<>();
    Element refs = child(e, "References").orElse(null);
    if (refs != null) {
      for (Element r : children(refs, "Reference")) {
        references.add(
            new NodeElement.ReferenceElement(
                mapping.nodeId(r.getAttribute("ReferenceType"), ctx + " reference type"),
                mapping.nodeId(text(r), ctx + " reference target"),
                !"false".equals(attr(r, "IsForward", "true").trim())));
      }
    }

    DataValue value = null;
    if (variable) {
      Element v = child(e, "Value").orElse(null);
      value = new DataValue(v == null ? Variant.NULL_VALUE : values.readValue(v, idText));
    }
    return new NodeElement(
        name,
        idText,
        nodeId,
        mapping.qualifiedName(e.getAttribute("BrowseName"), ctx + " BrowseName"),
        firstText(e, "DisplayName"),
        firstText(e, "Description"),
        uint(Long.parseLong(attr(e, "WriteMask", "0"))),
        uint(Long.parseLong(attr(e, "UserWriteMask", "0"))),
        bool(e, "IsAbstract", false),
        ubyte(Short.parseShort(attr(e, "EventNotifier", "0"))),
        bool(e, "ContainsNoLoops", false),
        value,
        variable ? mapping.nodeId(attr(e, "DataType", "i=24"), ctx + " DataType") : null,
        Integer.parseInt(attr(e, "ValueRank", "-1").trim()),
        arrayDimensions(attr(e, "ArrayDimensions", "")),
        ubyte(Short.parseShort(attr(e, "AccessLevel", "1"))),
        ubyte(Short.parseShort(attr(e, "UserAccessLevel", "1"))),
        Double.parseDouble(attr(e, "MinimumSamplingInterval", "0")),
        bool(e, "Historizing", false),
        bool(e, "Executable", true),
        bool(e, "UserExecutable", true),
        bool(e, "Symmetric", false),
        child(e, "InverseName").map(XmlValueReader::localizedText).orElse(null),
        child(e, "Definition").orElse(null),
        List.copyOf(references));
  }

  private static LocalizedText firstText(Element e, String name) {
    return child(e, name).map(XmlValueReader::localizedText).orElse(LocalizedText.NULL_VALUE);
  }

  private static boolean bool(Element e, String name, boolean defaultValue) {
    return Boolean.parseBoolean(attr(e, name, String.valueOf(defaultValue)).trim());
  }

  private static UInteger[] arrayDimensions(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    String[] parts = t.split(",");
    UInteger[] dims = new UInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      dims[i] = uint(Long.parseLong(parts[i].trim()));
    }
    return dims;
  }
}
