package io.motionua.nodeset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.DataTypeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads NodeSet2 XML files (OPC 10000-6 Annex F) into a running Milo 1.1 server.
 *
 * <p>Each namespace the file defines becomes a {@link NodeSetNamespace} registered with the
 * server's address space manager. The whole file is checked before anything is added: required
 * models must already be loaded (load files in dependency order), every reference type, reference
 * target and data type must exist in the file or in the server, and every value must decode. A file
 * that fails a check is refused with a {@link NodeSetException} naming the file, the node and what
 * is missing, and the server is left as it was.
 *
 * <p>Load works before or after {@code server.startup()}: Milo creates the UA core namespace in the
 * {@code OpcUaServer} constructor. Loading before startup is preferred so that clients never see a
 * half-built address space. Loads into one server are serialized.
 */
public final class NodeSetLoader {

  static final String UA_NAMESPACE = "http://opcfoundation.org/UA/";

  private static final Logger logger = LoggerFactory.getLogger(NodeSetLoader.class);

  /** What has been loaded into each server, so that later files can depend on it. */
  private static final Map<OpcUaServer, LoadedModels> SERVERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private NodeSetLoader() {}

  /**
   * Loads one NodeSet2 file.
   *
   * @param server the server to add the nodes to.
   * @param xml the NodeSet2 XML; not closed by this method.
   * @param sourceName a name for the file in messages, e.g. its path.
   * @return the nodes added and the namespace index of each model URI the file defines.
   * @throws NodeSetException if the file cannot be read or refers to something that does not exist;
   *     nothing is added then.
   */
  public static LoadedNodeSet load(OpcUaServer server, InputStream xml, String sourceName)
      throws NodeSetException {
    NodeSetDocument document = NodeSetDocument.parse(xml, sourceName);
    LoadedModels models = SERVERS.computeIfAbsent(server, s -> new LoadedModels());
    synchronized (models) {
      long start = System.nanoTime();
      LoadedNodeSet loaded = load(server, document, models);
      logger.info(
          "Loaded {}: {} nodes in {} ms",
          sourceName,
          loaded.nodeCount(),
          (System.nanoTime() - start) / 1_000_000);
      return loaded;
    }
  }

  /** Loads one NodeSet2 file from disk; see {@link #load(OpcUaServer, InputStream, String)}. */
  public static LoadedNodeSet load(OpcUaServer server, Path file) throws NodeSetException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(server, in, file.toString());
    } catch (IOException e) {
      throw new NodeSetException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The namespace a previous {@link #load} created for a URI, for callers that need its node
   * manager (the exporter, or code adding instances to a loaded namespace).
   */
  public static NodeSetNamespace namespace(OpcUaServer server, String namespaceUri) {
    return findNamespace(server, namespaceUri)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no NodeSet2 file loaded into namespace " + namespaceUri));
  }

  /** The model a previous {@link #load} read for a URI, if any (for the exporter). */
  static Optional<NodeSetDocument.Model> model(OpcUaServer server, String modelUri) {
    LoadedModels models = SERVERS.get(server);
    if (models == null) {
      return Optional.empty();
    }
    synchronized (models) {
      return models.model(modelUri);
    }
  }

  /** The namespace a previous {@link #load} created for a URI, if any. */
  static Optional<NodeSetNamespace> findNamespace(OpcUaServer server, String namespaceUri) {
    LoadedModels models = SERVERS.get(server);
    if (models == null) {
      return Optional.empty();
    }
    synchronized (models) {
      return models.namespace(namespaceUri);
    }
  }

  private static LoadedNodeSet load(
      OpcUaServer server, NodeSetDocument document, LoadedModels models) throws NodeSetException {
    String source = document.sourceName;
    NamespaceTable table = server.getNamespaceTable();
    NamespaceMapping mapping = new NamespaceMapping(document, table);
    checkRequiredModels(document, models);

    // 1. Read every node; a value or a name that cannot be read refuses the file.
    var values = new XmlValueReader(mapping, server.getStaticEncodingContext(), source);
    var parser = new NodeElementParser(mapping, values);
    Map<NodeId, NodeElement> nodes = new LinkedHashMap<>();
    for (var element : document.nodes) {
      NodeElement node;
      try {
        node = parser.parse(element);
      } catch (NumberFormatException e) {
        throw new NodeSetException(
            source + ": node " + element.getAttribute("NodeId") + ": bad number: " + e.getMessage(),
            e);
      }
      if (nodes.put(node.nodeId(), node) != null) {
        throw new NodeSetException(source + ": node " + node.idText() + " is defined twice");
      }
    }

    // 2. Check that the nodes may be added and that everything they point to exists.
    var checker = new ReferenceChecker(server, mapping, nodes, models.namespaceUris(), source);
    Map<String, String> fileModels = new LinkedHashMap<>();
    document.models.forEach(m -> fileModels.put(m.uri(), m.version()));
    for (NodeElement node : nodes.values()) {
      checker.checkNode(node, fileModels.keySet());
    }
    Map<NodeId, DataTypeDefinition> definitions = new LinkedHashMap<>();
    for (NodeElement node : nodes.values()) {
      if (node.definition() != null) {
        definitions.put(node.nodeId(), DataTypeDefinitions.read(node, nodes, mapping, source));
      }
    }

    // 3. Commit: namespaces, nodes, references. Nothing here is expected to fail after the
    // checks; if something does, what was added is undone.
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      for (String uri : mapping.newUris()) {
        table.add(uri);
        undo.push(() -> table.update(map -> map.inverse().remove(uri)));
      }
      Map<UShort, NodeSetNamespace> byIndex = namespaces(server, nodes.values(), models, undo);
      for (NodeElement node : nodes.values()) {
        NodeSetNamespace ns = byIndex.get(node.nodeId().getNamespaceIndex());
        UaNode uaNode = UaNodes.create(node, ns.getNodeContext(), definitions.get(node.nodeId()));
        ns.getNodeManager().addNode(uaNode);
        undo.push(() -> ns.getNodeManager().removeNode(node.nodeId()));
      }
      addReferences(server, nodes, byIndex, models, undo);
      updateTypeTrees(server);
      NodeClassInheritance.register(server, nodes.values());
    } catch (RuntimeException e) {
      undo.forEach(Runnable::run);
      updateTypeTrees(server);
      throw new NodeSetException(source + ": adding the checked nodes failed: " + e, e);
    }
    document.models.forEach(models::addModel);

    Map<String, UShort> indexes = new LinkedHashMap<>();
    fileModels.keySet().forEach(uri -> indexes.put(uri, table.getIndex(uri)));
    // A file without a Models table (instances, say) still tells where its nodes went.
    nodes
        .keySet()
        .forEach(
            id -> indexes.putIfAbsent(table.get(id.getNamespaceIndex()), id.getNamespaceIndex()));
    return new LoadedNodeSet(source, indexes, new ArrayList<>(nodes.keySet()));
  }

  /** The namespace of each namespace index of the file's nodes, created where needed. */
  private static Map<UShort, NodeSetNamespace> namespaces(
      OpcUaServer server,
      Collection<NodeElement> nodes,
      LoadedModels models,
      Deque<Runnable> undo) {
    NamespaceTable table = server.getNamespaceTable();
    Map<UShort, NodeSetNamespace> byIndex = new LinkedHashMap<>();
    for (NodeElement node : nodes) {
      UShort index = node.nodeId().getNamespaceIndex();
      if (byIndex.containsKey(index)) {
        continue;
      }
      String uri = table.get(index);
      NodeSetNamespace ns = models.namespace(uri).orElse(null);
      if (ns == null) {
        NodeSetNamespace created = new NodeSetNamespace(server, uri);
        created.startup();
        models.addNamespace(created);
        undo.push(
            () -> {
              created.shutdown();
              models.removeNamespace(uri);
            });
        ns = created;
      }
      byIndex.put(index, ns);
    }
    return byIndex;
  }

  /** Milo caches its type trees; rebuild them so that the new types are known. */
  private static void updateTypeTrees(OpcUaServer server) {
    server.updateReferenceTypeTree();
    server.updateDataTypeTree();
    server.updateObjectTypeTree();
    server.updateVariableTypeTree();
  }

  private static void checkRequiredModels(NodeSetDocument document, LoadedModels models)
      throws NodeSetException {
    Set<String> inFile = new LinkedHashSet<>();
    document.models.forEach(m -> inFile.add(m.uri()));
    for (var model : document.models) {
      if (models.model(model.uri()).isPresent()) {
        throw new NodeSetException(
            document.sourceName
                + ": model "
                + model.uri()
                + " is already loaded (version "
                + models.model(model.uri()).orElseThrow().version()
                + ")");
      }
      for (var required : model.required()) {
        String uri = required.uri();
        models
            .model(uri)
            .filter(loaded -> ModelVersion.olderThan(loaded.version(), required.version()))
            .ifPresent(
                loaded ->
                    logger.warn(
                        "{}: model {} requires {} {}, but {} is loaded; loading anyway",
                        document.sourceName,
                        model.uri(),
                        uri,
                        required.version(),
                        loaded.version()));
        if (!uri.equals(UA_NAMESPACE) && !inFile.contains(uri) && models.model(uri).isEmpty()) {
          throw new NodeSetException(
              document.sourceName
                  + ": model "
                  + model.uri()
                  + " requires model "
                  + uri
                  + (required.version() == null ? "" : " " + required.version())
                  + ", which is not loaded; load its NodeSet2 file first");
        }
      }
    }
  }

  /**
   * Adds every reference of the file in both directions. A reference is kept by the namespace of
   * its source node when that namespace was loaded by this class, otherwise (a UA core node, say)
   * by the namespace of the file's node, where Milo's browse still finds it.
   */
  private static void addReferences(
      OpcUaServer server,
      Map<NodeId, NodeElement> nodes,
      Map<UShort, NodeSetNamespace> byIndex,
      LoadedModels models,
      Deque<Runnable> undo) {
    NamespaceTable table = server.getNamespaceTable();
    for (NodeElement node : nodes.values()) {
      NodeSetNamespace own = byIndex.get(node.nodeId().getNamespaceIndex());
      for (var r : node.references()) {
        var forward =
            new Reference(
                node.nodeId(), r.referenceTypeId(), r.targetNodeId().expanded(), r.forward());
        var inverse =
            new Reference(
                r.targetNodeId(), r.referenceTypeId(), node.nodeId().expanded(), !r.forward());
        addOnce(keeper(table, models, own, node.nodeId()), forward, undo);
        addOnce(keeper(table, models, own, r.targetNodeId()), inverse, undo);
      }
    }
  }

  private static UaNodeManager keeper(
      NamespaceTable table, LoadedModels models, NodeSetNamespace own, NodeId source) {
    return models.namespace(table.get(source.getNamespaceIndex())).orElse(own).getNodeManager();
  }

  private static void addOnce(UaNodeManager manager, Reference reference, Deque<Runnable> undo) {
    if (manager.getReferences(reference.getSourceNodeId(), reference::equals).isEmpty()) {
      manager.addReference(reference);
      undo.push(() -> manager.removeReference(reference));
    }
  }
}
