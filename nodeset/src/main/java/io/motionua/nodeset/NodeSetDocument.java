package io.motionua.nodeset;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** A parsed NodeSet2 file: namespace table, models, aliases and node elements, in file order. */
final class NodeSetDocument {

  /** Element names of the nodes a NodeSet2 file may contain. */
  static final Set<String> NODE_ELEMENTS =
      Set.of(
          "UAObject",
          "UAVariable",
          "UAMethod",
          "UAView",
          "UAObjectType",
          "UAVariableType",
          "UADataType",
          "UAReferenceType");

  record RequiredModel(String uri, String version) {}

  record Model(String uri, String version, String publicationDate, List<RequiredModel> required) {}

  final String sourceName;

  /** NamespaceUris of the file; file namespace index i (i >= 1) is element i - 1. */
  final List<String> namespaceUris;

  final List<Model> models;
  final Map<String, String> aliases;
  final List<Element> nodes;

  private NodeSetDocument(
      String sourceName,
      List<String> namespaceUris,
      List<Model> models,
      Map<String, String> aliases,
      List<Element> nodes) {
    this.sourceName = sourceName;
    this.namespaceUris = namespaceUris;
    this.models = models;
    this.aliases = aliases;
    this.nodes = nodes;
  }

  static NodeSetDocument parse(InputStream in, String sourceName) throws NodeSetException {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // NodeSet2 files need no DTDs or external entities; refusing them keeps parsing safe.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            // Errors become the exception below; nothing is printed to stderr.
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      root = builder.parse(in).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      String where =
          e instanceof SAXParseException p
              ? " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")"
              : "";
      throw new NodeSetException(
          sourceName + ": not a readable XML file" + where + ": " + e.getMessage(), e);
    }
    if (!"UANodeSet".equals(root.getLocalName())) {
      throw new NodeSetException(
          sourceName + ": root element is <" + root.getLocalName() + ">, expected <UANodeSet>");
    }

    List<String> uris = new ArrayList<>();
    child(root, "NamespaceUris").ifPresent(e -> children(e, "Uri").forEach(u -> uris.add(text(u))));

    List<Model> models = new ArrayList<>();
    child(root, "Models")
        .ifPresent(
            ms -> {
              for (Element m : children(ms, "Model")) {
                List<RequiredModel> required = new ArrayList<>();
                for (Element r : children(m, "RequiredModel")) {
                  required.add(new RequiredModel(r.getAttribute("ModelUri"), attr(r, "Version")));
                }
                models.add(
                    new Model(
                        m.getAttribute("ModelUri"),
                        attr(m, "Version"),
                        attr(m, "PublicationDate"),
                        List.copyOf(required)));
              }
            });

    Map<String, String> aliases = new LinkedHashMap<>();
    child(root, "Aliases")
        .ifPresent(
            as ->
                children(as, "Alias").forEach(a -> aliases.put(a.getAttribute("Alias"), text(a))));

    List<Element> nodes = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && NODE_ELEMENTS.contains(e.getLocalName())) {
        nodes.add(e);
      }
    }
    return new NodeSetDocument(
        sourceName, List.copyOf(uris), List.copyOf(models), aliases, List.copyOf(nodes));
  }

  // ---- small DOM helpers, by local name so that any namespace prefix works

  static List<Element> children(Element parent, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        result.add(e);
      }
    }
    return result;
  }

  static List<Element> children(Element parent) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        result.add(e);
      }
    }
    return result;
  }

  static Optional<Element> child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static String childText(Element parent, String localName) {
    return child(parent, localName).map(NodeSetDocument::text).orElse(null);
  }

  static String text(Element e) {
    return e.getTextContent().trim();
  }

  /** An attribute's value, or null when the attribute is absent. */
  static String attr(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  static String attr(Element e, String name, String defaultValue) {
    return e.hasAttribute(name) ? e.getAttribute(name) : defaultValue;
  }
}
