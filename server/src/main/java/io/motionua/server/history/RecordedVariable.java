package io.motionua.server.history;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A variable that is recorded: its node, its key in the store (the node id's identifier), how its
 * values are typed, and its spec's deadband and max interval.
 */
record RecordedVariable(
    NodeId nodeId, String key, ValueType type, double deadband, long maxIntervalMs) {

  RecordingFilter newFilter() {
    return new RecordingFilter(deadband, maxIntervalMs);
  }
}
