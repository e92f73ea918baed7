package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.server.MotionUa;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may touch alarms: a viewer (anonymous on this bench) may refresh but not acknowledge. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlarmAccessIT {

  private MotionUa motionUa;
  private EventClient client;
  private NodeId alarm;

  @BeforeAll
  void start() throws Exception {
    motionUa = TestMachine.start("viewer");
    client = EventClient.connect(TestMachine.endpoint(motionUa));
    alarm =
        client.path(
            NodeIds.ObjectsFolder,
            TestMachine.NAME,
            "MotionDevices",
            "Arm",
            "PowerTrains",
            "J1-PowerTrain",
            "Motor",
            "OverTemperature");
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (motionUa != null) {
      motionUa.close();
    }
  }

  @Test
  void aViewerMayNotAcknowledgeOrConfirm() throws Exception {
    ByteString eventId = (ByteString) client.read(client.path(alarm, "EventId")).value().value();
    for (NodeId method :
        new NodeId[] {
          NodeIds.AcknowledgeableConditionType_Acknowledge,
          NodeIds.AcknowledgeableConditionType_Confirm
        }) {
      long status =
          client
              .call(alarm, method, eventId, LocalizedText.english("seen"))
              .getStatusCode()
              .getValue();
      assertEquals(StatusCodes.Bad_UserAccessDenied, status, "calling " + method);
    }
  }

  @Test
  void aViewerMayCallConditionRefreshForItsSubscription() throws Exception {
    var onServer = client.subscribe(NodeIds.Server);
    long status =
        client
            .call(
                NodeIds.ConditionType,
                NodeIds.ConditionType_ConditionRefresh,
                uint(client.subscriptionId()))
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);
    onServer.await("RefreshEndEvent", e -> NodeIds.RefreshEndEventType.equals(e.eventType()));
  }
}
