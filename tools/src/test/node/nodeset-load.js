#!/usr/bin/env node
"use strict";
// node-opcua, independent of MotionUA's loader, builds an address space from its own UA core
// NodeSet followed by the given NodeSet2 files, in order (node-opcua's generateAddressSpace), and
// reports what it holds:
//
//   node nodeset-load.js [--type-of NAMESPACE_URI STRING_ID] FILE...
//
// Prints one line of JSON: {"namespaces":[uri...],"nodes":{uri: count},
//   "typeOf":[{"uri","name"}...] (the type definition of ns=<uri>;s=STRING_ID and its supertypes)}
// and exits 1 with the loader's message when a file does not load.
const { AddressSpace } = require("node-opcua-address-space");
const { generateAddressSpace } = require("node-opcua-address-space/nodeJS");
const { nodesets } = require("node-opcua-nodesets");
const lib = require("./lib");

function typeChain(addressSpace, node) {
  const chain = [];
  let type = node && node.typeDefinitionObj;
  for (let depth = 0; type && depth < 12; depth++) {
    chain.push({
      uri: addressSpace.getNamespaceUri(type.nodeId.namespace),
      name: type.browseName.name,
    });
    type = type.subtypeOfObj;
  }
  return chain;
}

(async () => {
  lib.watchdog(120000);
  const args = process.argv.slice(2);
  let typeOf = null;
  if (args[0] === "--type-of") {
    typeOf = { uri: args[1], id: args[2] };
    args.splice(0, 3);
  }
  const addressSpace = AddressSpace.create();
  try {
    await generateAddressSpace(addressSpace, [nodesets.standard, ...args]);
    const result = { namespaces: [], nodes: {} };
    for (const ns of addressSpace.getNamespaceArray()) {
      result.namespaces.push(ns.namespaceUri);
      result.nodes[ns.namespaceUri] = ns._nodeid_index ? ns._nodeid_index.size : -1;
    }
    if (typeOf) {
      const index = addressSpace.getNamespaceIndex(typeOf.uri);
      const node = index < 0 ? null : addressSpace.findNode(`ns=${index};s=${typeOf.id}`);
      result.typeOf = node ? typeChain(addressSpace, node) : null;
    }
    lib.emit(result);
  } catch (err) {
    lib.fail(err.stack || String(err));
  } finally {
    addressSpace.dispose();
  }
})();
