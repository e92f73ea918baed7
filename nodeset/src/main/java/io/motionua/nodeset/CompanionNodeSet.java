package io.motionua.nodeset;

import java.io.InputStream;
import java.net.URL;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;

/**
 * The official NodeSet2 files shipped unchanged in this module's resources (see NOTICE at the
 * repository root for their source, versions and license). Declared in dependency order: a file
 * only requires files declared before it.
 */
public enum CompanionNodeSet {
  /** OPC 10000-100 Devices (DI): DeviceSet, DeviceType, ComponentType, DeviceHealth. */
  DI("Opc.Ua.Di.NodeSet2.xml", "http://opcfoundation.org/UA/DI/", "1.04.0"),
  /** OPC 40001-1 Machinery: Machines folder, MachineIdentification, item state machines. */
  MACHINERY("Opc.Ua.Machinery.NodeSet2.xml", "http://opcfoundation.org/UA/Machinery/", "1.03.0"),
  /** OPC 40010-1 Robotics: MotionDeviceSystemType, AxisType, PowerTrainType, MotorType... */
  ROBOTICS("Opc.Ua.Robotics.NodeSet2.xml", "http://opcfoundation.org/UA/Robotics/", "1.01.2"),
  /** OPC 10000-200 Industrial Automation. */
  IA("Opc.Ua.IA.NodeSet2.xml", "http://opcfoundation.org/UA/IA/", "1.01.2"),
  /** OPC 30000 PLCopen IEC 61131-3. */
  PLCOPEN("Opc.Ua.PLCopen.NodeSet2_V1.02.xml", "http://PLCopen.org/OpcUa/IEC61131-3/", "1.02");

  /** Class-path folder of the official files, relative to this class's package. */
  static final String FOLDER = "official/";

  /** Class-path resource of the official UANodeSet.xsd (the schema of every NodeSet2 file). */
  public static final String SCHEMA_RESOURCE = FOLDER + "UANodeSet.xsd";

  private final String fileName;
  private final String modelUri;
  private final String version;

  CompanionNodeSet(String fileName, String modelUri, String version) {
    this.fileName = fileName;
    this.modelUri = modelUri;
    this.version = version;
  }

  public String fileName() {
    return fileName;
  }

  public String modelUri() {
    return modelUri;
  }

  /** The model version the shipped file declares. */
  public String version() {
    return version;
  }

  /** Opens the shipped file; the caller closes the stream. */
  public InputStream open() {
    return openResource(FOLDER + fileName);
  }

  /** Loads the shipped file into a server through {@link NodeSetLoader}. */
  public LoadedNodeSet load(OpcUaServer server) throws NodeSetException {
    try (InputStream in = open()) {
      return NodeSetLoader.load(server, in, "classpath:" + fileName);
    } catch (java.io.IOException e) {
      throw new NodeSetException("classpath:" + fileName + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The official UANodeSet.xsd, for validating NodeSet2 files (the exporter's output). */
  public static URL schema() {
    URL url = CompanionNodeSet.class.getResource(SCHEMA_RESOURCE);
    if (url == null) {
      throw missing(SCHEMA_RESOURCE);
    }
    return url;
  }

  private static InputStream openResource(String resource) {
    InputStream in = CompanionNodeSet.class.getResourceAsStream(resource);
    if (in == null) {
      throw missing(resource);
    }
    return in;
  }

  private static IllegalStateException missing(String resource) {
    return new IllegalStateException(
        "resource " + resource + " is missing from the motionua-nodeset jar");
  }
}
