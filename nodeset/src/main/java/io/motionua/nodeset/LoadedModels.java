package io.motionua.nodeset;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What has been loaded into one server: its models and the namespaces holding their nodes. The
 * namespaces are held weakly: the server keeps them (they are registered with its address space
 * manager), and a strong reference here would keep a shut-down server alive through the loader's
 * per-server map. Callers synchronize on the instance.
 */
final class LoadedModels {

  private final Map<String, WeakReference<NodeSetNamespace>> namespaces = new LinkedHashMap<>();
  private final Map<String, NodeSetDocument.Model> models = new LinkedHashMap<>();

  Optional<NodeSetNamespace> namespace(String uri) {
    WeakReference<NodeSetNamespace> ref = namespaces.get(uri);
    return Optional.ofNullable(ref == null ? null : ref.get());
  }

  Set<String> namespaceUris() {
    return namespaces.keySet();
  }

  void addNamespace(NodeSetNamespace namespace) {
    namespaces.put(namespace.getNamespaceUri(), new WeakReference<>(namespace));
  }

  void removeNamespace(String uri) {
    namespaces.remove(uri);
  }

  Optional<NodeSetDocument.Model> model(String uri) {
    return Optional.ofNullable(models.get(uri));
  }

  void addModel(NodeSetDocument.Model model) {
    models.put(model.uri(), model);
  }
}
