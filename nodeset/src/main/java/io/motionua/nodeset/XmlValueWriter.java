package io.motionua.nodeset;

import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.milo.opcua.stack.core.encoding.EncodingContext;
import org.eclipse.milo.opcua.stack.core.types.UaStructuredType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.XmlElement;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.EnumValueType;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.RationalNumber;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes values in the XML encoding that {@link XmlValueReader} reads: built-in types, ListOf
 * arrays, and extension objects (the structures the reader decodes, or XML bodies kept as read).
 */
final class XmlValueWriter {

  static final String TYPES_NS = "http://opcfoundation.org/UA/2008/02/Types.xsd";

  private final Document document;
  private final EncodingContext encodingContext;
  private final Function<NodeId, String> nodeIds;
  private final Function<UShort, Integer> namespaceIndexes;

  /**
   * @param nodeIds writes a server NodeId in file notation.
   * @param namespaceIndexes maps a server namespace index to the file's.
   */
  XmlValueWriter(
      Document document,
      EncodingContext encodingContext,
      Function<NodeId, String> nodeIds,
      Function<UShort, Integer> namespaceIndexes) {
    this.document = document;
    this.encodingContext = encodingContext;
    this.nodeIds = nodeIds;
    this.namespaceIndexes = namespaceIndexes;
  }

  /** The content of a {@code <Value>} element, or null for a null value. */
  Element write(Variant variant, String context) throws NodeSetException {
    Object value = variant.value();
    if (value == null) {
      return null;
    }
    if (value.getClass().isArray()) {
      Object[] items = (Object[]) value;
      String name = typeName(value.getClass().getComponentType(), context);
      Element list = element("ListOf" + name);
      for (Object item : items) {
        list.appendChild(scalar(name, item, context));
      }
      return list;
    }
    return scalar(typeName(value.getClass(), context), value, context);
  }

  private static String typeName(Class<?> type, String context) throws NodeSetException {
    if (type == Boolean.class) return "Boolean";
    if (type == Byte.class) return "SByte";
    if (type == UByte.class) return "Byte";
    if (type == Short.class) return "Int16";
    if (type == UShort.class) return "UInt16";
    if (type == Integer.class) return "Int32";
    if (type == UInteger.class) return "UInt32";
    if (type == Long.class) return "Int64";
    if (type == ULong.class) return "UInt64";
    if (type == Float.class) return "Float";
    if (type == Double.class) return "Double";
    if (type == String.class) return "String";
    if (type == DateTime.class) return "DateTime";
    if (type == UUID.class) return "Guid";
    if (type == ByteString.class) return "ByteString";
    if (type == XmlElement.class) return "XmlElement";
    if (type == NodeId.class) return "NodeId";
    if (type == ExpandedNodeId.class) return "ExpandedNodeId";
    if (type == StatusCode.class) return "StatusCode";
    if (type == QualifiedName.class) return "QualifiedName";
    if (type == LocalizedText.class) return "LocalizedText";
    if (type == Variant.class) return "Variant";
    if (ExtensionObject.class.isAssignableFrom(type)) return "ExtensionObject";
    // Milo also keeps structures unencoded in a Variant (e.g. Argument[] of method nodes).
    if (UaStructuredType.class.isAssignableFrom(type)) return "ExtensionObject";
    throw new NodeSetException(context + ": values of " + type.getName() + " cannot be exported");
  }

  private Element scalar(String name, Object value, String context) throws NodeSetException {
    Element e = element(name);
    switch (name) {
      case "Float" -> e.setTextContent(number((Float) value));
      case "Double" -> e.setTextContent(number((Double) value));
      case "DateTime" -> e.setTextContent(((DateTime) value).getJavaInstant().toString());
      case "Guid" -> e.appendChild(text("String", value.toString()));
      case "ByteString" ->
          e.setTextContent(Base64.getEncoder().encodeToString(((ByteString) value).bytesOrEmpty()));
      case "XmlElement" -> appendFragment(e, ((XmlElement) value).getFragmentOrEmpty(), context);
      case "NodeId" -> e.appendChild(text("Identifier", nodeIds.apply((NodeId) value)));
      case "ExpandedNodeId" -> {
        NodeId local =
            ((ExpandedNodeId) value)
                .toNodeId(encodingContext.getNamespaceTable())
                .orElseThrow(() -> new NodeSetException(context + ": non-local " + value));
        e.appendChild(text("Identifier", nodeIds.apply(local)));
      }
      case "StatusCode" ->
          e.appendChild(text("Code", String.valueOf(((StatusCode) value).getValue())));
      case "QualifiedName" -> {
        QualifiedName q = (QualifiedName) value;
        e.appendChild(
            text("NamespaceIndex", String.valueOf(namespaceIndexes.apply(q.getNamespaceIndex()))));
        e.appendChild(text("Name", q.getName()));
      }
      case "LocalizedText" -> localizedText(e, (LocalizedText) value);
      case "Variant" -> {
        Element inner = write((Variant) value, context);
        Element v = element("Value");
        if (inner != null) {
          v.appendChild(inner);
        }
        e.appendChild(v);
      }
      case "ExtensionObject" -> {
        if (value instanceof UaStructuredType struct) {
          structureBody(e, struct, context);
        } else {
          extensionObject(e, (ExtensionObject) value, context);
        }
      }
      default -> e.setTextContent(value.toString());
    }
    return e;
  }

  private static String number(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (d == Double.POSITIVE_INFINITY) return "INF";
    if (d == Double.NEGATIVE_INFINITY) return "-INF";
    return Double.toString(d);
  }

  private static String number(float f) {
    if (Float.isNaN(f)) return "NaN";
    if (f == Float.POSITIVE_INFINITY) return "INF";
    if (f == Float.NEGATIVE_INFINITY) return "-INF";
    return Float.toString(f);
  }

  private void localizedText(Element e, LocalizedText t) {
    if (t.locale() != null) {
      e.appendChild(text("Locale", t.locale()));
    }
    if (t.text() != null) {
      e.appendChild(text("Text", t.text()));
    }
  }

  private void extensionObject(Element e, ExtensionObject value, String context)
      throws NodeSetException {
    if (value instanceof ExtensionObject.Xml xml) {
      Element typeId = element("TypeId");
      Element body = element("Body");
      typeId.appendChild(text("Identifier", nodeIds.apply(xml.getEncodingOrTypeId())));
      appendFragment(body, xml.getBody().getFragmentOrEmpty(), context);
      e.appendChild(typeId);
      e.appendChild(body);
      return;
    }
    UaStructuredType struct;
    try {
      struct = value.decode(encodingContext);
    } catch (RuntimeException ex) {
      throw new NodeSetException(context + ": cannot decode an extension object value", ex);
    }
    structureBody(e, struct, context);
  }

  private void structureBody(Element e, UaStructuredType struct, String context)
      throws NodeSetException {
    Element typeId = element("TypeId");
    typeId.appendChild(text("Identifier", xmlEncodingId(struct, context)));
    Element body = element("Body");
    body.appendChild(structure(struct, context));
    e.appendChild(typeId);
    e.appendChild(body);
  }

  private static String xmlEncodingId(UaStructuredType struct, String context)
      throws NodeSetException {
    if (struct instanceof Argument) return "i=297";
    if (struct instanceof EUInformation) return "i=888";
    if (struct instanceof Range) return "i=885";
    if (struct instanceof EnumValueType) return "i=7616";
    if (struct instanceof RationalNumber) return "i=18851";
    throw new NodeSetException(
        context + ": values of " + struct.getClass().getSimpleName() + " cannot be exported");
  }

  private Element structure(UaStructuredType struct, String context) throws NodeSetException {
    if (struct instanceof Argument a) {
      Element e = element("Argument");
      e.appendChild(text("Name", a.getName()));
      Element dataType = element("DataType");
      dataType.appendChild(text("Identifier", nodeIds.apply(a.getDataType())));
      e.appendChild(dataType);
      e.appendChild(text("ValueRank", String.valueOf(a.getValueRank())));
      Element dims = element("ArrayDimensions");
      if (a.getArrayDimensions() != null) {
        for (UInteger d : a.getArrayDimensions()) {
          dims.appendChild(text("UInt32", d.toString()));
        }
      }
      e.appendChild(dims);
      Element description = element("Description");
      localizedText(description, a.getDescription());
      e.appendChild(description);
      return e;
    }
    if (struct instanceof EUInformation u) {
      Element e = element("EUInformation");
      e.appendChild(text("NamespaceUri", u.getNamespaceUri()));
      e.appendChild(text("UnitId", String.valueOf(u.getUnitId())));
      Element display = element("DisplayName");
      localizedText(display, u.getDisplayName());
      e.appendChild(display);
      Element description = element("Description");
      localizedText(description, u.getDescription());
      e.appendChild(description);
      return e;
    }
    if (struct instanceof Range r) {
      Element e = element("Range");
      e.appendChild(text("Low", number(r.getLow())));
      e.appendChild(text("High", number(r.getHigh())));
      return e;
    }
    if (struct instanceof EnumValueType v) {
      Element e = element("EnumValueType");
      e.appendChild(text("Value", String.valueOf(v.getValue())));
      Element display = element("DisplayName");
      localizedText(display, v.getDisplayName());
      e.appendChild(display);
      Element description = element("Description");
      localizedText(description, v.getDescription());
      e.appendChild(description);
      return e;
    }
    if (struct instanceof RationalNumber n) {
      Element e = element("RationalNumber");
      e.appendChild(text("Numerator", String.valueOf(n.getNumerator())));
      e.appendChild(text("Denominator", String.valueOf(n.getDenominator())));
      return e;
    }
    throw new NodeSetException(
        context + ": values of " + struct.getClass().getSimpleName() + " cannot be exported");
  }

  private void appendFragment(Element parent, String fragment, String context)
      throws NodeSetException {
    if (fragment.isBlank()) {
      return;
    }
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document parsed =
          factory
              .newDocumentBuilder()
              .parse(new org.xml.sax.InputSource(new java.io.StringReader(fragment)));
      Node imported = document.importNode(parsed.getDocumentElement(), true);
      parent.appendChild(imported);
    } catch (Exception e) {
      throw new NodeSetException(context + ": an XML value is not well-formed", e);
    }
  }

  private Element element(String name) {
    return document.createElementNS(TYPES_NS, name);
  }

  private Element text(String name, String value) {
    Element e = element(name);
    if (value != null) {
      e.setTextContent(value);
    }
    return e;
  }
}
