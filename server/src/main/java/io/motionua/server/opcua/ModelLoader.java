package io.motionua.server.opcua;

import io.motionua.nodeset.CompanionNodeSet;
import io.motionua.nodeset.LoadedNodeSet;
import io.motionua.nodeset.MotionUaModel;
import io.motionua.nodeset.NodeSetLoader;
import java.io.InputStream;
import java.util.List;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the type models into a server before its instances are built, so that every instance's type
 * definition, reference types and enumerations exist: the official companion NodeSets a Robotics or
 * Machinery client looks for (DI, Machinery, Robotics, shipped unchanged in the nodeset module),
 * then the project's own MotionUA.NodeSet2.xml. All go through {@link NodeSetLoader}.
 */
public final class ModelLoader {

  /**
   * The companion models loaded at start, in dependency order: MotionUA's types are subtypes of
   * theirs (IA: Robotics 1.01 needs none).
   */
  public static final List<CompanionNodeSet> COMPANIONS = MotionUaModel.REQUIRED_MODELS;

  private static final Logger logger = LoggerFactory.getLogger(ModelLoader.class);

  private ModelLoader() {}

  public static LoadedNodeSet loadTypes(OpcUaServer server) throws Exception {
    for (CompanionNodeSet companion : COMPANIONS) {
      companion.load(server);
    }
    try (InputStream xml = MotionUaModel.openNodeSet()) {
      LoadedNodeSet loaded = NodeSetLoader.load(server, xml, MotionUaModel.NODESET_RESOURCE);
      logger.debug("loaded {} nodes of {}", loaded.nodeCount(), MotionUaModel.NAMESPACE_URI);
      return loaded;
    }
  }
}
