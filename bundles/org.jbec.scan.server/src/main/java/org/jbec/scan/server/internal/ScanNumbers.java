package org.jbec.scan.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.VariableMessage;

/**
 * Scan and dataset numbers per account (bec-behaviour.md §6.5), kept in {@code user/scan_number}
 * and {@code user/dataset_number} as {@code {account: n}} so that clients read and set them as BEC's
 * do. The account is the last entry of {@code info/account} ({@code ""} without one); a legacy plain
 * number is taken as the current account's. Numbers are drawn one at a time per scan server (one
 * runs per Redis: the service guard sees to that), so parallel queues never share a number.
 */
final class ScanNumbers {

    /** What an active scan is given. */
    record Assigned(String account, long scanNumber, long datasetNumber) {
    }

    private final Connector bus;

    ScanNumbers(Connector bus) {
        this.bus = bus;
    }

    /** Numbers for a scan that becomes active: both advance, the dataset number not when on hold. */
    synchronized Assigned next(boolean datasetOnHold) {
        String account = account();
        long scan = advance(Endpoints.scanNumber(), account, 1);
        long dataset = advance(Endpoints.datasetNumber(), account, datasetOnHold ? 0 : 1);
        return new Assigned(account, scan, dataset);
    }

    /** The number the next scan will get, for the queue's predictions. */
    long nextScanNumber() {
        return stored(Endpoints.scanNumber(), account()) + 1;
    }

    String account() {
        List<BusEvent> last = bus.lastEntries(Endpoints.account(), 1);
        for (BusEvent event : last) {
            for (Object message : event.messages()) {
                if (message instanceof VariableMessage v && v.value() != null) {
                    return String.valueOf(v.value());
                }
            }
        }
        return "";
    }

    private long stored(Endpoint<VariableMessage> endpoint, String account) {
        return number(bus.get(endpoint).map(VariableMessage::value).orElse(null), account);
    }

    private static long number(Object value, String account) {
        if (value instanceof Map<?, ?> perAccount) {
            return perAccount.get(account) instanceof Number n ? n.longValue() : 0;
        }
        return value instanceof Number legacy ? legacy.longValue() : 0;
    }

    /** Adds {@code step} to the account's number (one read, one write; none for step 0) and returns it. */
    private long advance(Endpoint<VariableMessage> endpoint, String account, long step) {
        Object value = bus.get(endpoint).map(VariableMessage::value).orElse(null);
        long number = number(value, account) + step;
        if (step != 0) {
            Map<String, Object> perAccount = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> existing) {
                existing.forEach((k, v) -> perAccount.put(String.valueOf(k), v));
            }
            perAccount.put(account, number);
            bus.set(endpoint, new VariableMessage(null, perAccount), null);
        }
        return number;
    }
}
