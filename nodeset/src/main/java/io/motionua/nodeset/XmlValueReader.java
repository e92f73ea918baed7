package io.motionua.nodeset;

import static io.motionua.nodeset.NodeSetDocument.child;
import static io.motionua.nodeset.NodeSetDocument.childText;
import static io.motionua.nodeset.NodeSetDocument.children;
import static io.motionua.nodeset.NodeSetDocument.text;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.io.StringWriter;
import java.lang.reflect.Array;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
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
import org.w3c.dom.Element;

/**
 * Reads the XML encoding of values (OPC 10000-6, 5.3) as NodeSet2 files write them: built-in types,
 * ListOf arrays, and extension objects. Argument, EUInformation, Range, EnumValueType and
 * RationalNumber are decoded and stored in the binary encoding so that every client can read them;
 * other structures keep their XML body.
 */
final class XmlValueReader {

  private static final Map<String, Class<?>> ARRAY_TYPES =
      Map.ofEntries(
          Map.entry("Boolean", Boolean.class),
          Map.entry("SByte", Byte.class),
          Map.entry("Byte", UByte.class),
          Map.entry("Int16", Short.class),
          Map.entry("UInt16", UShort.class),
          Map.entry("Int32", Integer.class),
          Map.entry("UInt32", UInteger.class),
          Map.entry("Int64", Long.class),
          Map.entry("UInt64", ULong.class),
          Map.entry("Float", Float.class),
          Map.entry("Double", Double.class),
          Map.entry("String", String.class),
          Map.entry("DateTime", DateTime.class),
          Map.entry("Guid", UUID.class),
          Map.entry("ByteString", ByteString.class),
          Map.entry("XmlElement", XmlElement.class),
          Map.entry("NodeId", NodeId.class),
          Map.entry("ExpandedNodeId", ExpandedNodeId.class),
          Map.entry("StatusCode", StatusCode.class),
          Map.entry("QualifiedName", QualifiedName.class),
          Map.entry("LocalizedText", LocalizedText.class),
          Map.entry("ExtensionObject", ExtensionObject.class),
          Map.entry("Variant", Variant.class));

  private final NamespaceMapping mapping;
  private final EncodingContext encodingContext;
  private final String sourceName;

  XmlValueReader(NamespaceMapping mapping, EncodingContext encodingContext, String sourceName) {
    this.mapping = mapping;
    this.encodingContext = encodingContext;
    this.sourceName = sourceName;
  }

  /** Reads the content of a {@code <Value>} element; an empty element is a null value. */
  Variant readValue(Element valueElement, String nodeId) throws NodeSetException {
    List<Element> content = children(valueElement);
    if (content.isEmpty()) {
      return Variant.NULL_VALUE;
    }
    try {
      return Variant.of(read(content.get(0), nodeId));
    } catch (NodeSetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NodeSetException(
          sourceName + ": node " + nodeId + ": cannot read its Value: " + e.getMessage(), e);
    }
  }

  private Object read(Element e, String nodeId) throws NodeSetException {
    String name = e.getLocalName();
    if (name.startsWith("ListOf")) {
      String elementType = name.substring("ListOf".length());
      Class<?> type = ARRAY_TYPES.get(elementType);
      if (type == null) {
        throw unsupported(name, nodeId);
      }
      List<Element> items = children(e);
      Object array = Array.newInstance(type, items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(array, i, read(items.get(i), nodeId));
      }
      return array;
    }
    String t = text(e);
    return switch (name) {
      case "Boolean" -> Boolean.parseBoolean(t);
      case "SByte" -> Byte.parseByte(t);
      case "Byte" -> ubyte(Short.parseShort(t));
      case "Int16" -> Short.parseShort(t);
      case "UInt16" -> ushort(Integer.parseInt(t));
      case "Int32" -> Integer.parseInt(t);
      case "UInt32" -> uint(Long.parseLong(t));
      case "Int64" -> Long.parseLong(t);
      case "UInt64" -> ulong(t);
      case "Float" -> (float) parseDouble(t);
      case "Double" -> parseDouble(t);
      case "String" -> e.getTextContent();
      case "DateTime" -> dateTime(t);
      case "Guid" -> UUID.fromString(childText(e, "String"));
      case "ByteString" -> ByteString.of(Base64.getMimeDecoder().decode(t));
      case "XmlElement" -> XmlElement.of(innerXml(e));
      case "NodeId" -> nodeIdValue(e, nodeId);
      case "ExpandedNodeId" -> nodeIdValue(e, nodeId).expanded();
      case "StatusCode" -> new StatusCode(Long.parseLong(childText(e, "Code")));
      case "QualifiedName" -> qualifiedName(e, nodeId);
      case "LocalizedText" -> localizedText(e);
      case "ExtensionObject" -> extensionObject(e, nodeId);
      case "Variant" -> Variant.of(read(children(child(e, "Value").orElseThrow()).get(0), nodeId));
      default -> throw unsupported(name, nodeId);
    };
  }

  private NodeSetException unsupported(String name, String nodeId) {
    return new NodeSetException(
        sourceName + ": node " + nodeId + ": value element <" + name + "> is not supported");
  }

  private static double parseDouble(String t) {
    return switch (t) {
      case "INF" -> Double.POSITIVE_INFINITY;
      case "-INF" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(t);
    };
  }

  private static DateTime dateTime(String t) {
    Instant instant = Instant.parse(t);
    // Before 1601 (the OPC UA epoch) means "no time" (DateTime.MIN_VALUE).
    return instant.isBefore(DateTime.MIN_VALUE.getJavaInstant())
        ? DateTime.MIN_VALUE
        : new DateTime(instant);
  }

  private NodeId nodeIdValue(Element e, String nodeId) throws NodeSetException {
    String id = childText(e, "Identifier");
    return id == null || id.isEmpty()
        ? NodeId.NULL_VALUE
        : mapping.nodeId(id, "node " + nodeId + " value");
  }

  private QualifiedName qualifiedName(Element e, String nodeId) throws NodeSetException {
    String ns = childText(e, "NamespaceIndex");
    int fileIndex = ns == null || ns.isEmpty() ? 0 : Integer.parseInt(ns);
    return new QualifiedName(
        mapping.serverIndex(fileIndex, "node " + nodeId + " value"), childText(e, "Name"));
  }

  static LocalizedText localizedText(Element e) {
    if (e == null) {
      return LocalizedText.NULL_VALUE;
    }
    if (child(e, "Text").isEmpty() && child(e, "Locale").isEmpty()) {
      // NodeSet2 attributes like <Description>text</Description> carry the text directly.
      String text = e.getTextContent().trim();
      String locale = e.hasAttribute("Locale") ? e.getAttribute("Locale") : null;
      return text.isEmpty() && locale == null
          ? LocalizedText.NULL_VALUE
          : new LocalizedText(locale, text);
    }
    String locale = child(e, "Locale").map(l -> l.getTextContent().trim()).orElse(null);
    String text = child(e, "Text").map(l -> l.getTextContent()).orElse(null);
    return new LocalizedText(locale == null || locale.isEmpty() ? null : locale, text);
  }

  private Object extensionObject(Element e, String nodeId) throws NodeSetException {
    String typeId = child(e, "TypeId").map(t -> childText(t, "Identifier")).orElse(null);
    Element body = child(e, "Body").flatMap(b -> children(b).stream().findFirst()).orElse(null);
    if (typeId == null || body == null) {
      throw new NodeSetException(
          sourceName + ": node " + nodeId + ": ExtensionObject without TypeId or Body");
    }
    UaStructuredType struct = structure(body, nodeId);
    if (struct != null) {
      return ExtensionObject.encode(encodingContext, struct);
    }
    return ExtensionObject.of(
        XmlElement.of(outerXml(body)), mapping.nodeId(typeId, "node " + nodeId + " value"));
  }

  /** Decodes the structures models use; null for any other. */
  private UaStructuredType structure(Element body, String nodeId) throws NodeSetException {
    String ctx = "node " + nodeId + " value";
    return switch (body.getLocalName()) {
      case "Argument" -> {
        UInteger[] dims =
            child(body, "ArrayDimensions")
                .map(
                    d ->
                        children(d).stream()
                            .map(x -> uint(Long.parseLong(text(x))))
                            .toArray(UInteger[]::new))
                .orElse(null);
        String dataType =
            child(body, "DataType").map(d -> childText(d, "Identifier")).orElse("i=24");
        String valueRank = childText(body, "ValueRank");
        yield new Argument(
            childText(body, "Name"),
            mapping.nodeId(dataType, ctx),
            valueRank == null || valueRank.isEmpty() ? -1 : Integer.parseInt(valueRank),
            dims == null || dims.length == 0 ? null : dims,
            localizedText(child(body, "Description").orElse(null)));
      }
      case "EUInformation" ->
          new EUInformation(
              childText(body, "NamespaceUri"),
              Integer.parseInt(childText(body, "UnitId")),
              localizedText(child(body, "DisplayName").orElse(null)),
              localizedText(child(body, "Description").orElse(null)));
      case "Range" ->
          new Range(parseDouble(childText(body, "Low")), parseDouble(childText(body, "High")));
      case "EnumValueType" ->
          new EnumValueType(
              Long.parseLong(childText(body, "Value")),
              localizedText(child(body, "DisplayName").orElse(null)),
              localizedText(child(body, "Description").orElse(null)));
      case "RationalNumber" ->
          new RationalNumber(
              Integer.parseInt(childText(body, "Numerator")),
              uint(Long.parseLong(childText(body, "Denominator"))));
      default -> null;
    };
  }

  private static String innerXml(Element e) {
    StringBuilder sb = new StringBuilder();
    for (Element c : children(e)) {
      sb.append(outerXml(c));
    }
    return sb.toString();
  }

  static String outerXml(Element e) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(e), new StreamResult(out));
      return out.toString();
    } catch (TransformerException ex) {
      throw new IllegalStateException("cannot serialize <" + e.getLocalName() + ">", ex);
    }
  }
}
