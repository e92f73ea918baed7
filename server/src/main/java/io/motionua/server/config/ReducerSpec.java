package io.motionua.server.config;

/**
 * A gearbox between motor and load.
 *
 * @param ratio motor revolutions per load revolution (motor side / load side), e.g. 100 for 100:1
 * @param pitch millimetres of travel per load revolution, for linear axes (ball screw, belt)
 * @param productCode the gear's DI ProductCode; null when the file gives none
 */
public record ReducerSpec(
    String name, Double ratio, Double pitch, Double backlash, String productCode) {

  ReducerSpec withDefaults() {
    return new ReducerSpec(name, ratio == null ? 1.0 : ratio, pitch, backlash, productCode);
  }
}
