package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jbec.bus.api.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker's rule: after one reader's loss, the others count only once they proved their connection. */
class ConnectionTrackerTest {

    private final Dispatcher dispatcher = new Dispatcher(null, "tracker-test");
    private final ConnectionTracker tracker = new ConnectionTracker(dispatcher, "test", () -> { });
    private final ConnectionTracker.Part pubsub = tracker.part("pubsub");
    private final ConnectionTracker.Part streams = tracker.part("streams");
    private final List<Long> streamRequests = new ArrayList<>();
    private final List<Long> pubsubRequests = new ArrayList<>();

    ConnectionTrackerTest() {
        pubsub.proveWith(pubsubRequests::add);
        streams.proveWith(streamRequests::add);
        pubsub.up(pubsub.losses());
        streams.up(streams.losses());
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void aReaderThatDidNotNoticeTheLossMustProveItsConnection() {
        assertEquals(ConnectionState.CONNECTED, tracker.state());
        pubsub.down("restart");
        assertEquals(1, streamRequests.size(), "the stream reader is asked for a proof");
        assertTrue(pubsubRequests.isEmpty(), "the reader that lost its connection is not asked");
        pubsub.up(pubsub.losses());
        assertEquals(ConnectionState.RECONNECTING, tracker.state(), "the stream reader has not answered yet");
        streams.proven(streamRequests.get(0));
        assertEquals(ConnectionState.CONNECTED, tracker.state());
    }

    @Test
    void aProofAskedBeforeALaterLossDoesNotCount() {
        pubsub.down("restart");
        pubsub.up(pubsub.losses());
        pubsub.down("restart again");
        pubsub.up(pubsub.losses());
        assertEquals(2, streamRequests.size());
        streams.proven(streamRequests.get(0)); // its round trip may have begun before the second loss
        assertEquals(ConnectionState.RECONNECTING, tracker.state());
        streams.proven(streamRequests.get(1));
        assertEquals(ConnectionState.CONNECTED, tracker.state());
    }

    @Test
    void aReaderThatFailsItsProofReconnectsWithinTheSameOutage() {
        pubsub.down("restart");
        pubsub.up(pubsub.losses());
        streams.down("its connection was dead too");
        assertEquals(1, pubsubRequests.size(), "the reconnected reader proves itself again");
        streams.up(streams.losses());
        pubsub.proven(pubsubRequests.get(0));
        assertEquals(ConnectionState.CONNECTED, tracker.state());
    }

    @Test
    void aCallbackOnAReaderBeingProvedMayUseRedisOnceTheOthersAreBack() {
        streams.down("restart");
        assertFalse(tracker.connectedBut(pubsub), "the stream reader is still reconnecting");
        streams.up(streams.losses());
        assertEquals(ConnectionState.RECONNECTING, tracker.state(), "the pub/sub reader has not proved itself");
        assertTrue(tracker.connectedBut(pubsub));
        pubsub.down("its connection was dead too");
        assertFalse(tracker.connectedBut(pubsub));
    }

    @Test
    void aReaderThatConnectedBeforeAnotherOnesLossProvesItsConnectionToo() {
        pubsub.down("restart");
        long atConnect = pubsub.losses(); // reconnecting: it reads the count, then connects
        streams.down("the stream reader notices the restart only now");
        streams.up(streams.losses());
        pubsub.up(atConnect); // its connection may have been made before Redis went away
        assertEquals(ConnectionState.RECONNECTING, tracker.state());
        assertEquals(1, pubsubRequests.size(), "asked for a proof");
        pubsub.proven(pubsubRequests.get(0));
        assertEquals(ConnectionState.CONNECTED, tracker.state());
    }
}
