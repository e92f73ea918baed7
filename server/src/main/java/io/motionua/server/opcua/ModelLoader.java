package io.motionua.server.opcua;

import io.motionua.nodeset.LoadedNodeSet;
import io.motionua.nodeset.MotionUaModel;
import io.motionua.nodeset.NodeSetLoader;
import java.io.InputStream;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the project's type model (MotionUA.NodeSet2.xml) into a server before its instances are
 * built, so that every instance's type definition, reference types and enumerations exist.
 */
public final class ModelLoader {

  private static final Logger logger = LoggerFactory.getLogger(ModelLoader.class);

  private ModelLoader() {}

  public static LoadedNodeSet loadTypes(OpcUaServer server) throws Exception {
    try (InputStream xml = MotionUaModel.openNodeSet()) {
      LoadedNodeSet loaded = NodeSetLoader.load(server, xml, MotionUaModel.NODESET_RESOURCE);
      logger.debug("loaded {} nodes of {}", loaded.nodeCount(), MotionUaModel.NAMESPACE_URI);
      return loaded;
    }
  }
}
