package io.motionua.server.sparkplug;

import java.time.Instant;
import java.util.Map;

/**
 * The values of one device after one poll, as the server pushed them into its nodes.
 *
 * @param device the Sparkplug device id
 * @param time when the drive delivered the values (the source timestamp)
 * @param online whether the device answers (Good or last usable value); false means DDEATH
 * @param values by metric name
 */
record DeviceUpdate(String device, Instant time, boolean online, Map<String, Object> values) {}
