package org.jbec.epics.simioc;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.Monitor;
import gov.aps.jca.TimeoutException;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;
import gov.aps.jca.dbr.SHORT;
import gov.aps.jca.dbr.STRING;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JCA (CAJ) client confined to loopback and the test IOC's port. */
final class CaClient implements AutoCloseable {
    private static final double TIMEOUT_S = 5.0;
    private final Context context;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    CaClient(int port) throws CAException {
        // JVM-global and read when the context is created: the test IOC is the only server we may find
        String c = "com.cosylab.epics.caj.CAJContext";
        System.setProperty("CA_DISABLE_REPEATER", "true"); // else CAJ spawns a repeater JVM that outlives the test
        System.setProperty(c + ".addr_list", "127.0.0.1");
        System.setProperty(c + ".auto_addr_list", "false");
        System.setProperty(c + ".server_port", Integer.toString(port));
        System.setProperty(c + ".repeater_port", Integer.toString(port + 1));
        context = JCALibrary.getInstance().createContext(JCALibrary.CHANNEL_ACCESS_JAVA);
    }

    synchronized Channel channel(String name) throws CAException, TimeoutException {
        Channel ch = channels.get(name);
        if (ch == null) {
            ch = context.createChannel(name);
            context.pendIO(TIMEOUT_S);
            channels.put(name, ch);
        }
        return ch;
    }

    synchronized DBR get(String name, DBRType type, int count) throws CAException, TimeoutException {
        DBR dbr = channel(name).get(type, count);
        context.pendIO(TIMEOUT_S);
        return dbr;
    }

    double getDouble(String name) throws CAException, TimeoutException {
        return ((DOUBLE) get(name, DBRType.DOUBLE, 1)).getDoubleValue()[0];
    }

    short getShort(String name) throws CAException, TimeoutException {
        return ((SHORT) get(name, DBRType.SHORT, 1)).getShortValue()[0];
    }

    String getString(String name) throws CAException, TimeoutException {
        return ((STRING) get(name, DBRType.STRING, 1)).getStringValue()[0];
    }

    /** A put with completion callback (ca_put_callback): the future completes with the server's status. */
    synchronized CompletableFuture<CAStatus> putCallback(String name, double value) throws CAException, TimeoutException {
        CompletableFuture<CAStatus> done = new CompletableFuture<>();
        channel(name).put(value, ev -> done.complete(ev.getStatus()));
        context.flushIO();
        return done;
    }

    /** A put-callback that must complete normally within a few seconds. */
    void put(String name, double value) throws Exception {
        CAStatus status = putCallback(name, value).get((long) TIMEOUT_S, TimeUnit.SECONDS);
        if (!status.isSuccessful()) throw new AssertionError("put " + name + "=" + value + ": " + status);
    }

    /** Every monitor event's values, as doubles (the first is the value at subscription). */
    synchronized BlockingQueue<double[]> monitor(String name, int count) throws CAException, TimeoutException {
        BlockingQueue<double[]> events = new LinkedBlockingQueue<>();
        channel(name).addMonitor(DBRType.DOUBLE, count, Monitor.VALUE,
                ev -> events.add(((DOUBLE) ev.getDBR()).getDoubleValue().clone()));
        context.flushIO();
        return events;
    }

    @Override
    public void close() throws CAException {
        context.destroy();
    }
}
