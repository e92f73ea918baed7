package io.motionua.nodeset;

import static io.motionua.nodeset.NodeSetDocument.attr;
import static io.motionua.nodeset.NodeSetDocument.child;
import static io.motionua.nodeset.NodeSetDocument.children;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.StructureType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataTypeDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumField;
import org.eclipse.milo.opcua.stack.core.types.structured.StructureDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.StructureField;
import org.w3c.dom.Element;

/** Turns a UADataType's {@code <Definition>} into the DataTypeDefinition attribute. */
final class DataTypeDefinitions {

  private DataTypeDefinitions() {}

  static DataTypeDefinition read(
      NodeElement node, Map<NodeId, NodeElement> nodes, NamespaceMapping mapping, String source)
      throws NodeSetException {
    Element definition = node.definition();
    List<Element> fields = children(definition, "Field");
    boolean optionSet = "true".equals(attr(definition, "IsOptionSet", "false"));
    boolean enumeration = optionSet || fields.stream().anyMatch(f -> f.hasAttribute("Value"));
    String ctx = "node " + node.idText() + " Definition";
    try {
      if (enumeration) {
        EnumField[] enumFields = new EnumField[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
          Element f = fields.get(i);
          String name = f.getAttribute("Name");
          LocalizedText display =
              child(f, "DisplayName")
                  .map(XmlValueReader::localizedText)
                  .orElse(LocalizedText.english(name));
          enumFields[i] =
              new EnumField(Long.parseLong(attr(f, "Value", "-1")), display, description(f), name);
        }
        return new EnumDefinition(enumFields);
      }
      boolean union = "true".equals(attr(definition, "IsUnion", "false"));
      boolean anyOptional = false;
      StructureField[] structFields = new StructureField[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        Element f = fields.get(i);
        boolean optional = "true".equals(attr(f, "IsOptional", "false"));
        anyOptional |= optional;
        structFields[i] =
            new StructureField(
                f.getAttribute("Name"),
                description(f),
                mapping.nodeId(attr(f, "DataType", "i=24"), ctx),
                Integer.parseInt(attr(f, "ValueRank", "-1")),
                dimensions(attr(f, "ArrayDimensions", "")),
                uint(Long.parseLong(attr(f, "MaxStringLength", "0"))),
                optional);
      }
      StructureType type =
          union
              ? StructureType.Union
              : anyOptional ? StructureType.StructureWithOptionalFields : StructureType.Structure;
      return new StructureDefinition(
          defaultBinaryEncoding(node, nodes), supertype(node), type, structFields);
    } catch (NumberFormatException e) {
      throw new NodeSetException(source + ": " + ctx + ": bad number: " + e.getMessage(), e);
    }
  }

  private static LocalizedText description(Element field) {
    return child(field, "Description")
        .map(XmlValueReader::localizedText)
        .orElse(LocalizedText.NULL_VALUE);
  }

  private static UInteger[] dimensions(String text) {
    if (text.isBlank()) {
      return null;
    }
    String[] parts = text.trim().split(",");
    UInteger[] dims = new UInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      dims[i] = uint(Long.parseLong(parts[i].trim()));
    }
    return dims;
  }

  private static NodeId supertype(NodeElement node) {
    return node.references().stream()
        .filter(r -> !r.forward() && r.referenceTypeId().equals(NodeIds.HasSubtype))
        .map(NodeElement.ReferenceElement::targetNodeId)
        .findFirst()
        .orElse(NodeIds.Structure);
  }

  private static NodeId defaultBinaryEncoding(NodeElement node, Map<NodeId, NodeElement> nodes) {
    return node.references().stream()
        .filter(r -> r.forward() && r.referenceTypeId().equals(NodeIds.HasEncoding))
        .map(NodeElement.ReferenceElement::targetNodeId)
        .filter(
            id -> {
              NodeElement encoding = nodes.get(id);
              return encoding != null && encoding.browseName().getName().equals("Default Binary");
            })
        .findFirst()
        .orElse(NodeId.NULL_VALUE);
  }
}
