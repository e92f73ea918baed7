package io.motionua.nodeset;

import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.w3c.dom.Element;

/**
 * One node of a NodeSet2 file with its attributes already in server terms (namespace indexes
 * mapped, aliases resolved, value decoded). Fields that do not apply to the node class are null.
 */
record NodeElement(
    String elementName,
    String idText,
    NodeId nodeId,
    QualifiedName browseName,
    LocalizedText displayName,
    LocalizedText description,
    UInteger writeMask,
    UInteger userWriteMask,
    boolean isAbstract,
    UByte eventNotifier,
    boolean containsNoLoops,
    DataValue value,
    NodeId dataType,
    int valueRank,
    UInteger[] arrayDimensions,
    UByte accessLevel,
    UByte userAccessLevel,
    double minimumSamplingInterval,
    boolean historizing,
    boolean executable,
    boolean userExecutable,
    boolean symmetric,
    LocalizedText inverseName,
    Element definition,
    List<ReferenceElement> references) {

  /** A reference as written in the file, from this node. */
  record ReferenceElement(NodeId referenceTypeId, NodeId targetNodeId, boolean forward) {}
}
