package io.motionua.server.opcua;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.config.LinkSpec;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A fieldbus link (LinkType): its diagnostics variables come from the type (MandatoryChildren) and
 * are filled once a second by {@link LinkDiagnosticsPublisher}.
 */
final class LinkFragment {

  private LinkFragment() {}

  static void build(InstanceBuilder b, NodeId folder, String root, LinkSpec link) {
    b.namedObject(
            folder,
            NodeIds.Organizes,
            root + "/Links/" + link.name(),
            link.name(),
            b.type(MotionUaModel.LINK_TYPE))
        .setDescription(
            LocalizedText.english(
                "Fieldbus link %s: Modbus TCP to %s:%d, diagnostics"
                    .formatted(link.name(), link.host(), link.port())));
  }
}
