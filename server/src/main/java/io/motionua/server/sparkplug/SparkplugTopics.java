package io.motionua.server.sparkplug;

/** The Sparkplug B topic namespace of one edge node: {@code spBv1.0/group/TYPE/node[/device]}. */
record SparkplugTopics(String groupId, String edgeNodeId) {

  static final String NAMESPACE = "spBv1.0";

  String node(String type) {
    return NAMESPACE + "/" + groupId + "/" + type + "/" + edgeNodeId;
  }

  String device(String type, String device) {
    return node(type) + "/" + device;
  }

  /** The retained STATE of a primary host application (Sparkplug 3.0). */
  static String state(String hostId) {
    return NAMESPACE + "/STATE/" + hostId;
  }
}
