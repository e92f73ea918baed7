package io.motionua.server.config;

import java.util.List;

/**
 * One tag of a plain Modbus device: a coil, discrete input, input or holding register shown as an
 * OPC UA variable under the machine's Devices folder.
 *
 * @param address the register in any notation of docs/drive-profiles.md ({@code coil:1}, {@code
 *     discrete-input:1}, {@code 30001}, {@code holding-register:5})
 * @param type bool (coils, discrete inputs) or a register type: int16, uint16, int32, uint32,
 *     float32; default bool for bit tables, uint16 otherwise
 * @param scale engineering value = raw * scale + offset (registers only)
 * @param unit the UNECE common code of the engineering unit ({@code BAR}, {@code CEL}, {@code
 *     MMT}); shown as EngineeringUnits
 * @param unitName the unit's display name, default the code
 * @param range low and high of the engineering value (EURange); writes outside it are refused
 * @param writable whether clients may write it (coils and holding registers only)
 * @param role the role a write needs: operator (default) or engineer
 * @param simulatedValue the value a simulated device starts with (engineering units)
 */
public record TagSpec(
    String name,
    String address,
    String type,
    Double scale,
    Double offset,
    String unit,
    String unitName,
    List<Double> range,
    Boolean writable,
    String role,
    String description,
    Double simulatedValue) {

  public boolean isWritable() {
    return Boolean.TRUE.equals(writable);
  }

  /** The role a write needs, with the default. */
  public String writeRole() {
    return role == null ? "operator" : role;
  }
}
