package io.motionua.nodeset;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaDataTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaReferenceTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaViewNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.StructureType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataTypeDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumField;
import org.eclipse.milo.opcua.stack.core.types.structured.StructureDefinition;
import org.eclipse.milo.opcua.stack.core.types.structured.StructureField;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes one Milo node as a NodeSet2 node element; defaults are left out. */
final class NodeElementWriter {

  private static final String NODESET_NS = "http://opcfoundation.org/UA/2011/03/UANodeSet.xsd";

  private final OpcUaServer server;
  private final Function<NodeId, String> nodeIds;
  private final Function<UShort, Integer> namespaceIndexes;
  private final Document document;
  private final XmlValueWriter values;

  NodeElementWriter(
      OpcUaServer server,
      Function<NodeId, String> nodeIds,
      Function<UShort, Integer> namespaceIndexes,
      Document document) {
    this.server = server;
    this.nodeIds = nodeIds;
    this.namespaceIndexes = namespaceIndexes;
    this.document = document;
    this.values =
        new XmlValueWriter(document, server.getStaticEncodingContext(), nodeIds, namespaceIndexes);
  }

  Element write(UaNode node, List<Reference> references) throws NodeSetException {
    Element e = document.createElementNS(NODESET_NS, elementName(node));
    String context = "node " + node.getNodeId().toParseableString();
    e.setAttribute("NodeId", nodeIds.apply(node.getNodeId()));
    e.setAttribute("BrowseName", qualifiedName(node.getBrowseName()));
    nonZero(e, "WriteMask", node.getWriteMask());
    nonZero(e, "UserWriteMask", node.getUserWriteMask());
    localizedText(e, "DisplayName", node.getDisplayName());
    localizedText(e, "Description", node.getDescription());

    Element refs = child(e, "References");
    for (Reference r : references) {
      Element ref = child(refs, "Reference");
      ref.setAttribute("ReferenceType", nodeIds.apply(r.getReferenceTypeId()));
      if (r.isInverse()) {
        ref.setAttribute("IsForward", "false");
      }
      ref.setTextContent(
          nodeIds.apply(r.getTargetNodeId().toNodeId(server.getNamespaceTable()).orElseThrow()));
    }

    if (node instanceof UaObjectNode o) {
      nonZero(e, "EventNotifier", o.getEventNotifier().intValue());
    } else if (node instanceof UaViewNode v) {
      nonZero(e, "EventNotifier", v.getEventNotifier().intValue());
      flag(e, "ContainsNoLoops", v.getContainsNoLoops(), false);
    } else if (node instanceof UaMethodNode m) {
      flag(e, "Executable", m.isExecutable(), true);
      flag(e, "UserExecutable", m.isUserExecutable(), true);
    } else if (node instanceof UaVariableNode v) {
      variableAttributes(e, v.getDataType(), v.getValueRank(), v.getArrayDimensions());
      if (v.getAccessLevel().intValue() != 1) {
        e.setAttribute("AccessLevel", v.getAccessLevel().toString());
      }
      if (v.getUserAccessLevel().intValue() != 1) {
        e.setAttribute("UserAccessLevel", v.getUserAccessLevel().toString());
      }
      if (v.getMinimumSamplingInterval() != null && v.getMinimumSamplingInterval() != 0.0) {
        e.setAttribute("MinimumSamplingInterval", v.getMinimumSamplingInterval().toString());
      }
      flag(e, "Historizing", v.getHistorizing(), false);
      value(e, v.getValue(), context);
    } else if (node instanceof UaVariableTypeNode t) {
      flag(e, "IsAbstract", t.getIsAbstract(), false);
      variableAttributes(e, t.getDataType(), t.getValueRank(), t.getArrayDimensions());
      value(e, t.getValue(), context);
    } else if (node instanceof UaObjectTypeNode t) {
      flag(e, "IsAbstract", t.getIsAbstract(), false);
    } else if (node instanceof UaDataTypeNode t) {
      flag(e, "IsAbstract", t.getIsAbstract(), false);
      if (t.getDataTypeDefinition() != null) {
        definition(e, t);
      }
    } else if (node instanceof UaReferenceTypeNode t) {
      flag(e, "IsAbstract", t.getIsAbstract(), false);
      flag(e, "Symmetric", t.getSymmetric(), false);
      if (t.getInverseName() != null && !t.getInverseName().isNull()) {
        localizedText(e, "InverseName", t.getInverseName());
      }
    }
    return e;
  }

  private static String elementName(UaNode node) throws NodeSetException {
    return switch (node.getNodeClass()) {
      case Object -> "UAObject";
      case Variable -> "UAVariable";
      case Method -> "UAMethod";
      case View -> "UAView";
      case ObjectType -> "UAObjectType";
      case VariableType -> "UAVariableType";
      case DataType -> "UADataType";
      case ReferenceType -> "UAReferenceType";
      default -> throw new NodeSetException(node.getNodeId() + " has no node class");
    };
  }

  private void variableAttributes(Element e, NodeId dataType, Integer rank, UInteger[] dims) {
    if (dataType != null && !dataType.equals(NodeIds.BaseDataType)) {
      e.setAttribute("DataType", nodeIds.apply(dataType));
    }
    if (rank != null && rank != -1) {
      e.setAttribute("ValueRank", rank.toString());
    }
    if (dims != null && dims.length > 0) {
      e.setAttribute(
          "ArrayDimensions",
          Arrays.stream(dims).map(UInteger::toString).collect(Collectors.joining(",")));
    }
  }

  private void value(Element e, DataValue value, String context) throws NodeSetException {
    if (value == null) {
      return;
    }
    Element content = values.write(value.value(), context);
    if (content != null) {
      child(e, "Value").appendChild(content);
    }
  }

  private void definition(Element e, UaDataTypeNode t) {
    DataTypeDefinition definition = t.getDataTypeDefinition();
    Element d = child(e, "Definition");
    d.setAttribute("Name", qualifiedName(t.getBrowseName()));
    if (definition instanceof EnumDefinition enumDefinition) {
      if (!server.getDataTypeTree().isSubtypeOf(t.getNodeId(), NodeIds.Enumeration)) {
        d.setAttribute("IsOptionSet", "true");
      }
      EnumField[] fields = enumDefinition.getFields();
      for (EnumField f : fields == null ? new EnumField[0] : fields) {
        Element field = child(d, "Field");
        field.setAttribute("Name", f.getName());
        if (!LocalizedText.english(f.getName()).equals(f.getDisplayName())) {
          localizedText(field, "DisplayName", f.getDisplayName());
        }
        localizedText(field, "Description", f.getDescription());
        field.setAttribute("Value", String.valueOf(f.getValue()));
      }
    } else if (definition instanceof StructureDefinition structure) {
      if (structure.getStructureType() == StructureType.Union) {
        d.setAttribute("IsUnion", "true");
      }
      StructureField[] fields = structure.getFields();
      for (StructureField f : fields == null ? new StructureField[0] : fields) {
        Element field = child(d, "Field");
        field.setAttribute("Name", f.getName());
        localizedText(field, "Description", f.getDescription());
        variableAttributes(field, f.getDataType(), f.getValueRank(), f.getArrayDimensions());
        if (f.getDataType() != null && f.getDataType().equals(NodeIds.BaseDataType)) {
          field.setAttribute("DataType", "i=24");
        }
        if (f.getMaxStringLength() != null && f.getMaxStringLength().longValue() != 0) {
          field.setAttribute("MaxStringLength", f.getMaxStringLength().toString());
        }
        flag(field, "IsOptional", f.getIsOptional(), false);
      }
    }
  }

  private String qualifiedName(QualifiedName name) {
    int index = namespaceIndexes.apply(name.getNamespaceIndex());
    return index == 0 ? name.getName() : index + ":" + name.getName();
  }

  private void localizedText(Element parent, String name, LocalizedText text) {
    if (text == null || text.isNull()) {
      return;
    }
    Element e = child(parent, name);
    if (text.locale() != null) {
      e.setAttribute("Locale", text.locale());
    }
    e.setTextContent(text.text() == null ? "" : text.text());
  }

  private Element child(Element parent, String name) {
    Element e = document.createElementNS(NODESET_NS, name);
    parent.appendChild(e);
    return e;
  }

  private static void nonZero(Element e, String name, UInteger value) {
    if (value != null && value.longValue() != 0) {
      e.setAttribute(name, value.toString());
    }
  }

  private static void nonZero(Element e, String name, int value) {
    if (value != 0) {
      e.setAttribute(name, String.valueOf(value));
    }
  }

  private static void flag(Element e, String name, Boolean value, boolean defaultValue) {
    if (value != null && value != defaultValue) {
      e.setAttribute(name, String.valueOf(value));
    }
  }
}
