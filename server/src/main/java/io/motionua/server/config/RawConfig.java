package io.motionua.server.config;

import java.util.List;

/**
 * The file as written, before defaults and checks; {@link ConfigLoader} turns it into a {@link
 * MachineConfig}.
 */
record RawConfig(
    ServerSpec server,
    MachineSpec machine,
    List<LinkSpec> links,
    List<DriveSpec> drives,
    List<MotorSpec> motors,
    List<ReducerSpec> reducers,
    List<AxisSpec> axes,
    List<GroupSpec> groups,
    List<IoDeviceSpec> devices,
    HistorySpec history,
    SparkplugSpec sparkplug) {}
