package io.motionua.nodeset;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.AddressSpaceManager;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes one namespace of a running server as a NodeSet2 XML file that {@link NodeSetLoader} (and
 * other NodeSet2 tools) can load: nodes with their attributes, values and data type definitions,
 * and every reference once, on its forward side when both ends are exported.
 *
 * <p>The namespace's nodes are found by walking the address space from the Root folder (and from
 * the nodes a {@link NodeSetLoader} put there), so namespaces built in code export too. References
 * to nodes that are not exported are kept only when they point into the UA core namespace or into a
 * model the namespace depends on, so the file always loads back into a server that has those
 * models. The output is deterministic: exporting what was loaded from an export gives the same
 * bytes.
 */
public final class NodeSetExporter {

  private static final String NODESET_NS = "http://opcfoundation.org/UA/2011/03/UANodeSet.xsd";

  /** Version written for the UA core required model when the namespace's model gives none. */
  private static final String UA_VERSION = "1.05.02";

  private NodeSetExporter() {}

  /**
   * Exports a namespace.
   *
   * @param server the server whose address space is read.
   * @param namespaceUri the namespace to export.
   * @param includeInstances false to export only types and their instance declarations.
   * @param out where the XML goes (UTF-8); not closed.
   * @throws NodeSetException if the namespace is unknown or holds a value that cannot be written.
   */
  public static void export(
      OpcUaServer server, String namespaceUri, boolean includeInstances, OutputStream out)
      throws NodeSetException {
    Document document;
    try {
      document = new Run(server, namespaceUri, includeInstances).build();
    } catch (IllegalStateException e) {
      throw new NodeSetException("cannot export " + namespaceUri + ": " + e.getMessage(), e);
    }
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      document.setXmlStandalone(true);
      transformer.transform(new DOMSource(document), new StreamResult(out));
    } catch (TransformerException e) {
      throw new NodeSetException("cannot write the NodeSet2 XML of " + namespaceUri, e);
    }
  }

  /** {@link #export} into a String. */
  public static String exportToString(
      OpcUaServer server, String namespaceUri, boolean includeInstances) throws NodeSetException {
    var out = new ByteArrayOutputStream();
    export(server, namespaceUri, includeInstances, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One export: the state shared by the steps. */
  private static final class Run {
    private final OpcUaServer server;
    private final AddressSpaceManager addressSpace;
    private final String namespaceUri;
    private final boolean includeInstances;
    private final UShort own;
    private final Optional<NodeSetDocument.Model> model;
    private final List<String> fileNamespaces = new ArrayList<>();

    Run(OpcUaServer server, String namespaceUri, boolean includeInstances) throws NodeSetException {
      this.server = server;
      this.addressSpace = server.getAddressSpaceManager();
      this.namespaceUri = namespaceUri;
      this.includeInstances = includeInstances;
      this.own = server.getNamespaceTable().getIndex(namespaceUri);
      if (own == null || own.intValue() == 0) {
        throw new NodeSetException("namespace " + namespaceUri + " is not in the server");
      }
      this.model = NodeSetLoader.model(server, namespaceUri);
    }

    Document build() throws NodeSetException {
      List<UaNode> nodes = NamespaceNodes.find(server, own, namespaceUri, includeInstances);
      Set<NodeId> exported = new HashSet<>();
      nodes.forEach(n -> exported.add(n.getNodeId()));

      fileNamespaces.add(namespaceUri);
      fileNamespaces.addAll(new TreeSet<>(dependencies()));

      Document document;
      try {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        document = factory.newDocumentBuilder().newDocument();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException("no DOM implementation", e);
      }
      Element root = document.createElementNS(NODESET_NS, "UANodeSet");
      document.appendChild(root);
      Element uris = child(root, "NamespaceUris");
      fileNamespaces.forEach(u -> child(uris, "Uri").setTextContent(u));
      writeModels(child(root, "Models"));

      var writer = new NodeElementWriter(server, this::nodeIdText, this::fileIndex, document);
      Map<NodeId, List<Reference>> references = references(nodes, exported);
      for (UaNode node : nodes) {
        root.appendChild(writer.write(node, references.get(node.getNodeId())));
      }
      return document;
    }

    private Element child(Element parent, String name) {
      Element e = parent.getOwnerDocument().createElementNS(NODESET_NS, name);
      parent.appendChild(e);
      return e;
    }

    private void writeModels(Element models) {
      Element m = child(models, "Model");
      m.setAttribute("ModelUri", namespaceUri);
      model.ifPresent(
          x -> {
            if (x.version() != null) {
              m.setAttribute("Version", x.version());
            }
            if (x.publicationDate() != null) {
              m.setAttribute("PublicationDate", x.publicationDate());
            }
          });
      List<String> required = new ArrayList<>();
      required.add(NodeSetLoader.UA_NAMESPACE);
      required.addAll(fileNamespaces.subList(1, fileNamespaces.size()));
      for (String uri : required) {
        Element r = child(m, "RequiredModel");
        r.setAttribute("ModelUri", uri);
        String version = requiredVersion(uri);
        if (version != null) {
          r.setAttribute("Version", version);
        }
      }
    }

    /** The version the namespace's model asks for, else the loaded one. */
    private String requiredVersion(String uri) {
      Optional<String> declared =
          model.flatMap(
              x ->
                  x.required().stream()
                      .filter(r -> r.uri().equals(uri))
                      .map(NodeSetDocument.RequiredModel::version)
                      .filter(v -> v != null)
                      .findFirst());
      if (declared.isPresent()) {
        return declared.get();
      }
      if (uri.equals(NodeSetLoader.UA_NAMESPACE)) {
        return UA_VERSION;
      }
      return NodeSetLoader.model(server, uri).map(NodeSetDocument.Model::version).orElse(null);
    }

    /**
     * Namespaces the exported file may point into besides its own and the UA core: the models its
     * own model requires, or, for a namespace built in code, every model loaded from NodeSet2.
     */
    private Set<String> dependencies() {
      Set<String> result = new LinkedHashSet<>();
      if (model.isPresent()) {
        model.get().required().stream()
            .map(NodeSetDocument.RequiredModel::uri)
            .filter(u -> !u.equals(NodeSetLoader.UA_NAMESPACE))
            .forEach(result::add);
      } else {
        for (String uri : server.getNamespaceTable().toArray()) {
          if (uri != null
              && !uri.equals(namespaceUri)
              && NodeSetLoader.model(server, uri).isPresent()) {
            result.add(uri);
          }
        }
      }
      return result;
    }

    private boolean mayPointTo(NodeId target, Set<NodeId> exported) {
      int ns = target.getNamespaceIndex().intValue();
      if (ns == 0) {
        return true;
      }
      if (target.getNamespaceIndex().equals(own)) {
        return exported.contains(target);
      }
      String uri = server.getNamespaceTable().get(target.getNamespaceIndex());
      return fileNamespaces.contains(uri);
    }

    /**
     * Every reference once: on its source when the reference is forward from an exported node,
     * otherwise as an inverse reference on the exported end.
     */
    private Map<NodeId, List<Reference>> references(List<UaNode> nodes, Set<NodeId> exported) {
      Map<NodeId, Set<Reference>> byNode = new LinkedHashMap<>();
      nodes.forEach(n -> byNode.put(n.getNodeId(), new TreeSet<>(this::compareReferences)));
      for (UaNode node : nodes) {
        for (Reference r : addressSpace.getManagedReferences(node.getNodeId())) {
          NodeId target = r.getTargetNodeId().toNodeId(server.getNamespaceTable()).orElse(null);
          if (target == null || !mayPointTo(target, exported)) {
            continue;
          }
          if (r.isForward()) {
            byNode.get(node.getNodeId()).add(r);
          } else if (!exported.contains(target)) {
            byNode.get(node.getNodeId()).add(r);
          } else {
            // Written on the other end, as that end's forward reference.
            byNode
                .get(target)
                .add(
                    new Reference(
                        target, r.getReferenceTypeId(), node.getNodeId().expanded(), true));
          }
        }
      }
      Map<NodeId, List<Reference>> result = new LinkedHashMap<>();
      byNode.forEach((id, refs) -> result.put(id, new ArrayList<>(refs)));
      return result;
    }

    private int compareReferences(Reference a, Reference b) {
      return Comparator.<Reference, String>comparing(r -> nodeIdText(r.getReferenceTypeId()))
          .thenComparing(Reference::isForward)
          .thenComparing(
              r ->
                  nodeIdText(
                      r.getTargetNodeId().toNodeId(server.getNamespaceTable()).orElseThrow()))
          .compare(a, b);
    }

    /** The file's namespace index of a server namespace index. */
    int fileIndex(UShort serverIndex) {
      if (serverIndex.intValue() == 0) {
        return 0;
      }
      String uri = server.getNamespaceTable().get(serverIndex);
      int i = fileNamespaces.indexOf(uri);
      if (i < 0) {
        throw new IllegalStateException(
            "namespace " + uri + " is used by " + namespaceUri + " but is not one of its models");
      }
      return i + 1;
    }

    String nodeIdText(NodeId id) {
      int index = fileIndex(id.getNamespaceIndex());
      return id.withNamespaceIndex(ushort(index)).toParseableString();
    }
  }
}
