package io.motionua.server.sparkplug;

import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.IoDeviceSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SparkplugSpec;
import io.motionua.server.config.TagSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sparkplug devices of a machine: one per drive (named after the drive, carrying its axis's
 * metrics) and one per plain Modbus device (its tags), with aliases numbered across the node.
 */
final class SparkplugDevices {

  private final List<SparkplugDevice> devices = new ArrayList<>();
  private final Map<String, AxisMetrics> byAxis = new LinkedHashMap<>();
  private final Map<String, String> deviceOfAxis = new LinkedHashMap<>();
  private final Map<String, String> tagPathPrefix = new LinkedHashMap<>();

  SparkplugDevices(MachineConfig config, SparkplugSpec spec) {
    MetricNumbering numbering = new MetricNumbering(spec);
    String motionDevice = config.machine().motionDevice();
    for (AxisSpec axis : config.axes()) {
      DriveSpec drive =
          config.drive(config.motor(axis.motor()).orElseThrow().drive()).orElseThrow();
      AxisMetrics metrics = new AxisMetrics(motionDevice, axis);
      byAxis.put(axis.name(), metrics);
      deviceOfAxis.put(axis.name(), drive.name());
      devices.add(new SparkplugDevice(drive.name(), metrics.definitions(numbering)));
    }
    for (IoDeviceSpec io : config.ioDevices()) {
      String prefix = "Devices/" + io.name() + "/";
      tagPathPrefix.put(io.name(), prefix);
      List<MetricDefinition> metrics = new ArrayList<>();
      for (TagSpec tag : io.tags()) {
        metrics.add(
            numbering.next(
                prefix + tag.name(),
                isBitTable(tag) ? MetricType.BOOLEAN : MetricType.DOUBLE,
                tag.unit() == null ? "" : tag.unit()));
      }
      devices.add(new SparkplugDevice(io.name(), metrics));
    }
  }

  /** Coils and discrete inputs are Booleans, registers Doubles, as in the address space. */
  private static boolean isBitTable(TagSpec tag) {
    return RegisterAddress.parse(tag.address()).table().isBitTable();
  }

  List<SparkplugDevice> all() {
    return List.copyOf(devices);
  }

  /** The axes whose snapshots feed a device, with their metric names. */
  Map<String, AxisMetrics> axes() {
    return byAxis;
  }

  String deviceOfAxis(String axis) {
    return deviceOfAxis.get(axis);
  }

  boolean isIoDevice(String device) {
    return tagPathPrefix.containsKey(device);
  }

  /**
   * A plain device's poll as an update: online when any tag answers, time the newest source time.
   */
  DeviceUpdate ioUpdate(String device, Map<String, SignalValue> values) {
    String prefix = tagPathPrefix.get(device);
    Map<String, Object> byName = new LinkedHashMap<>();
    boolean online = false;
    Instant time = Instant.EPOCH;
    for (Map.Entry<String, SignalValue> e : values.entrySet()) {
      SignalValue v = e.getValue();
      if (v.value() != null) {
        byName.put(prefix + e.getKey(), v.value());
      }
      online |= v.status().isGood() || v.status() == SignalStatus.UNCERTAIN_LAST_USABLE;
      if (v.sourceTime().isAfter(time)) {
        time = v.sourceTime();
      }
    }
    return new DeviceUpdate(device, time, online, byName);
  }
}
