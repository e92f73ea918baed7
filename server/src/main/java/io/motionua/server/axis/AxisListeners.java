package io.motionua.server.axis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears about one axis: snapshot observers, event listeners and move listeners (on the link
 * thread), and SpeedOverride listeners (on the writer's thread). A listener that throws is logged
 * and the others still run.
 */
final class AxisListeners {

  private static final Logger logger = LoggerFactory.getLogger(AxisListeners.class);

  private final String axis;
  private final List<Consumer<AxisSnapshot>> observers = new CopyOnWriteArrayList<>();
  private final List<Consumer<AxisEvent>> events = new CopyOnWriteArrayList<>();
  private final List<DoubleConsumer> overrides = new CopyOnWriteArrayList<>();
  private final List<Consumer<MoveOutcome>> moves = new CopyOnWriteArrayList<>();

  AxisListeners(String axis) {
    this.axis = axis;
  }

  void addObserver(Consumer<AxisSnapshot> observer) {
    observers.add(observer);
  }

  void addEventListener(Consumer<AxisEvent> listener) {
    events.add(listener);
  }

  void addOverrideListener(DoubleConsumer listener) {
    overrides.add(listener);
  }

  void addMoveListener(Consumer<MoveOutcome> listener) {
    moves.add(listener);
  }

  void move(MoveOutcome outcome) {
    for (Consumer<MoveOutcome> listener : moves) {
      try {
        listener.accept(outcome);
      } catch (RuntimeException e) {
        logger.warn("axis {}: move listener failed", axis, e);
      }
    }
  }

  void snapshot(AxisSnapshot next) {
    for (Consumer<AxisSnapshot> observer : observers) {
      try {
        observer.accept(next);
      } catch (RuntimeException e) {
        logger.warn("axis {}: observer failed", axis, e);
      }
    }
  }

  void events(List<AxisEvent> happened) {
    for (AxisEvent event : happened) {
      if (event.kind() != AxisEvent.Kind.MOVE_COMPLETED) { // a move's end: its MoveLog line
        logger.info("{}", event.message());
      }
      for (Consumer<AxisEvent> listener : events) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          logger.warn("axis {}: event listener failed", axis, e);
        }
      }
    }
  }

  void override(double percent) {
    for (DoubleConsumer listener : overrides) {
      try {
        listener.accept(percent);
      } catch (RuntimeException e) {
        logger.warn("axis {}: SpeedOverride listener failed", axis, e);
      }
    }
  }
}
