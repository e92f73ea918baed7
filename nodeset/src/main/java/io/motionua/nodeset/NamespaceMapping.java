package io.motionua.nodeset;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Maps a file's namespace indexes and aliases to the server's. URIs the server does not know yet
 * get the indexes they will have once registered, so that the whole file can be checked before
 * anything is added to the server.
 */
final class NamespaceMapping {

  private final NodeSetDocument document;
  private final UShort[] serverIndexes;
  private final List<String> newUris = new ArrayList<>();

  NamespaceMapping(NodeSetDocument document, NamespaceTable table) {
    this.document = document;
    this.serverIndexes = new UShort[document.namespaceUris.size() + 1];
    serverIndexes[0] = ushort(0);
    int next = table.toArray().length;
    for (int i = 0; i < document.namespaceUris.size(); i++) {
      String uri = document.namespaceUris.get(i);
      UShort index = table.getIndex(uri);
      if (index == null) {
        int known = newUris.indexOf(uri);
        if (known >= 0) {
          index = ushort(next - newUris.size() + known);
        } else {
          index = ushort(next++);
          newUris.add(uri);
        }
      }
      serverIndexes[i + 1] = index;
    }
  }

  /** URIs to add to the server's namespace table, in the order their indexes were predicted. */
  List<String> newUris() {
    return List.copyOf(newUris);
  }

  /** The URI of a server namespace index this file knows of, or null. */
  String uriOf(UShort serverIndex) {
    if (serverIndex.intValue() == 0) {
      return "http://opcfoundation.org/UA/";
    }
    for (int i = 1; i < serverIndexes.length; i++) {
      if (serverIndexes[i].equals(serverIndex)) {
        return document.namespaceUris.get(i - 1);
      }
    }
    return null;
  }

  UShort serverIndex(int fileIndex, String context) throws NodeSetException {
    if (fileIndex < 0 || fileIndex >= serverIndexes.length) {
      throw new NodeSetException(
          document.sourceName
              + ": "
              + context
              + " uses namespace index "
              + fileIndex
              + " but NamespaceUris lists only "
              + (serverIndexes.length - 1)
              + " URIs");
    }
    return serverIndexes[fileIndex];
  }

  /** Parses a NodeId or alias as written in the file, with the server's namespace index. */
  NodeId nodeId(String text, String context) throws NodeSetException {
    String s = text.trim();
    String aliased = document.aliases.get(s);
    if (aliased != null) {
      s = aliased.trim();
    }
    NodeId parsed;
    try {
      parsed = NodeId.parse(s);
    } catch (RuntimeException e) {
      throw new NodeSetException(
          document.sourceName
              + ": "
              + context
              + ": '"
              + text
              + "' is neither a NodeId nor an alias",
          e);
    }
    UShort index = serverIndex(parsed.getNamespaceIndex().intValue(), context);
    return parsed.withNamespaceIndex(index);
  }

  /** Parses a QualifiedName written as "n:Name" (or "Name" for namespace 0). */
  QualifiedName qualifiedName(String text, String context) throws NodeSetException {
    int colon = text.indexOf(':');
    if (colon > 0 && text.substring(0, colon).chars().allMatch(Character::isDigit)) {
      int fileIndex = Integer.parseInt(text.substring(0, colon));
      return new QualifiedName(serverIndex(fileIndex, context), text.substring(colon + 1));
    }
    return new QualifiedName(0, text);
  }
}
