package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.server.config.MachineSpec;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * Identification: the machine's Machinery MachineIdentificationType object (DI and Machinery browse
 * names), and the DI nameplate properties of a motion device, motor or drive; all from the machine
 * file.
 */
final class IdentificationFragment {

  /** Machinery: MachineIdentificationType. */
  static final long MACHINE_IDENTIFICATION_TYPE = 1012;

  private IdentificationFragment() {}

  /** {@code <machine>/Identification} with its properties. */
  static void machine(InstanceBuilder b, NodeId machine, String root, MachineSpec m) {
    String path = root + "/Identification";
    NodeId ident =
        b.declaredObject(machine, path, "Identification", b.machinery(MACHINE_IDENTIFICATION_TYPE))
            .getNodeId();
    nameplate(b, ident, path, m.manufacturer(), m.model(), m.serialNumber(), m.productCode());
    var manufacturerUri =
        b.declaredProperty(
            ident,
            path + "/ManufacturerUri",
            "ManufacturerUri",
            NodeIds.String,
            m.manufacturerUri());
    if (m.manufacturerUri() == null) {
      // The machine file gives none: say so rather than read Good with nothing.
      manufacturerUri.setValue(new DataValue(StatusCode.of(StatusCodes.Bad_ConfigurationError)));
    }
    b.declaredProperty(
        ident,
        path + "/ProductInstanceUri",
        "ProductInstanceUri",
        NodeIds.String,
        "urn:motionua:" + m.manufacturer() + ":" + m.serialNumber());
    if (m.yearOfConstruction() != null) {
      b.declaredProperty(
          ident,
          path + "/YearOfConstruction",
          "YearOfConstruction",
          NodeIds.UInt16,
          ushort(m.yearOfConstruction()));
    }
    // Where the machine stands: an engineer may correct it at run time (audited); the machine
    // file gives it at the next start.
    TextSettingFilter.install(
        b.declaredProperty(ident, path + "/Location", "Location", NodeIds.String, m.location()));
    b.declaredProperty(
        ident,
        path + "/SoftwareRevision",
        "SoftwareRevision",
        NodeIds.String,
        MotionUaServer.version());
  }

  /**
   * DI nameplate properties from the config (empty when the file says nothing); ProductCode only
   * when the file gives one (otherwise MandatoryChildren declares it Bad_NotSupported).
   */
  static void nameplate(
      InstanceBuilder b,
      NodeId node,
      String path,
      String manufacturer,
      String model,
      String serialNumber,
      String productCode) {
    b.declaredProperty(
        node,
        path + "/Manufacturer",
        "Manufacturer",
        NodeIds.LocalizedText,
        LocalizedText.english(manufacturer));
    b.declaredProperty(
        node, path + "/Model", "Model", NodeIds.LocalizedText, LocalizedText.english(model));
    b.declaredProperty(node, path + "/SerialNumber", "SerialNumber", NodeIds.String, serialNumber);
    productCode(b, node, path, productCode);
  }

  /** DI ProductCode, when the machine file gives one. */
  static void productCode(InstanceBuilder b, NodeId node, String path, String productCode) {
    if (productCode != null) {
      b.declaredProperty(node, path + "/ProductCode", "ProductCode", NodeIds.String, productCode);
    }
  }
}
