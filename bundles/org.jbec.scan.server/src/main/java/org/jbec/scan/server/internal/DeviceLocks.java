package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * BEC's device lock registry (bec-behaviour.md §6.6): root devices owned by a request id, so queues
 * running in parallel serialise on the devices they share. A request takes a whole set at once or
 * waits for it, which keeps two requests from each holding half of what the other needs.
 */
final class DeviceLocks {

    private final Map<String, String> owners = new HashMap<>();

    /**
     * Takes every device for the request, waiting while others hold any of them.
     *
     * @param checkpoint called every 100 ms while waiting (pause, stop)
     * @param waitingFor told which devices are held by others while waiting, then an empty list
     */
    void acquire(String requestId, Collection<String> devices, Runnable checkpoint, Consumer<List<String>> waitingFor) {
        List<String> reported = List.of();
        while (true) {
            List<String> held;
            synchronized (this) {
                held = heldByOthers(requestId, devices);
                if (held.isEmpty()) {
                    devices.forEach(d -> owners.put(root(d), requestId));
                    break;
                }
                if (!held.equals(reported)) {
                    reported = held;
                    waitingFor.accept(held);
                }
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new org.jbec.scan.api.ScanInterruptedException("interrupted while waiting for " + held);
                }
            }
            checkpoint.run();
        }
        if (!reported.isEmpty()) {
            waitingFor.accept(List.of());
        }
    }

    private List<String> heldByOthers(String requestId, Collection<String> devices) {
        List<String> held = new ArrayList<>();
        for (String d : devices) {
            String owner = owners.get(root(d));
            if (owner != null && !owner.equals(requestId)) {
                held.add(root(d));
            }
        }
        return held;
    }

    synchronized Set<String> owned(String requestId) {
        Set<String> mine = new LinkedHashSet<>();
        owners.forEach((d, owner) -> {
            if (owner.equals(requestId)) {
                mine.add(d);
            }
        });
        return mine;
    }

    synchronized void releaseAll(String requestId) {
        owners.values().removeIf(requestId::equals);
        notifyAll();
    }

    private static String root(String device) {
        int dot = device.indexOf('.');
        return dot < 0 ? device : device.substring(0, dot);
    }
}
