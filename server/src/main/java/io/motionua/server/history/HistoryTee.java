package io.motionua.server.history;

/**
 * Gets every value and event the recorders hand to {@link HistoryWriter}, beside its queue: the
 * external historian. Called on the recording threads (link threads, Milo's pool for
 * acknowledgements), so it must not wait.
 */
public interface HistoryTee {

  void sample(Sample sample);

  void event(EventRecord event);
}
