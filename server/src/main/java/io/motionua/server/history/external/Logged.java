package io.motionua.server.history.external;

import io.motionua.server.history.EventRecord;
import io.motionua.server.history.Sample;

/**
 * One record of the on-disk log with its sequence number: a value or an event (exactly one of the
 * two is set).
 */
record Logged(long seq, Sample sample, EventRecord event) {}
