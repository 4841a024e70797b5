package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanInterruptedException;
import org.jbec.scan.api.ScanRequest;

/**
 * BEC's scan actions for one queue item (bec-protocol.md §5.4, bec-behaviour.md §5): every device
 * action becomes a DeviceInstructionMessage with a fresh id, the scan id and the request id; the
 * devices it addresses are locked for the request first. Scan status messages are left to
 * {@link ScanStatusPublisher}.
 */
final class ScanRun implements ScanContext {

    private static final String ON_EXCEPTION = "__on-exception";

    /** A read sent with the next instruction ({@link #readMonitoredWithNext}); only the queue's worker thread touches it. */
    private DeviceInstructionMessage held;

    private final Connector bus;
    private final PublishedDeviceState published;
    private final InstructionTracker tracker;
    private final DeviceLocks locks;
    private final ItemControl control;
    final QueueItem item;
    final ScanRequest request;
    final ScanReadout readout;
    final ScanStatusPublisher status;
    private final AtomicLong pointId = new AtomicLong();
    private volatile String suffix = "";
    private volatile boolean cleaningUp;
    private volatile boolean pausedPublished;
    private final Map<String, ReadbackFollower> followers = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Reads the scan sends without waiting (as BEC): one that fails fails the scan at its next
     * checkpoint, as BEC's MAJOR alarm for an instruction error does; closeScan waits for the rest.
     */
    private final Map<String, CompletableFuture<DeviceInstructionResponse>> readsInFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failedRead =
            new java.util.concurrent.atomic.AtomicReference<>();

    ScanRun(Connector bus, InstructionTracker tracker, DeviceLocks locks, ItemControl control, QueueItem item,
            ScanRequest request, ScanReadout readout, ScanStatusPublisher status) {
        this.bus = bus;
        this.published = new PublishedDeviceState(bus);
        this.tracker = tracker;
        this.locks = locks;
        this.control = control;
        this.item = item;
        this.request = request;
        this.readout = readout;
        this.status = status;
    }

    /** BEC's {@code _initialize_scan}: the devices every scan owns from the start. */
    void initialize() {
        lock(readout.initialLocks());
    }

    /** From now on instructions carry {@code __on-exception} ids and checkpoints never throw. */
    void enterCleanup() {
        cleaningUp = true;
        suffix = ON_EXCEPTION;
    }

    @Override
    public ScanRequest request() {
        return request;
    }

    @Override
    public String scanId() {
        return item.scanId;
    }

    @Override
    public void scanReportDevices(List<String> devices) {
        readout.reportDevices(devices);
        item.readoutPriority = readout.priorities();
        control.queueChanged();
    }

    @Override
    public void reportInstruction(Map<String, Object> instruction) {
        item.reportInstructions.add(new LinkedHashMap<>(instruction));
        control.queueChanged();
    }

    @Override
    public void plan(long numPoints, long numMonitoredReadouts) {
        status.plan(numPoints, numMonitoredReadouts);
    }

    @Override
    public double position(String device) {
        return published.position(device);
    }

    @Override
    public Object signal(String device, String attribute) {
        return published.signal(device, attribute);
    }

    @Override
    public int precision(String device) {
        return published.precision(device);
    }

    @Override
    public void checkLimits(String device, double... targets) {
        published.checkLimits(device, targets);
    }

    @Override
    public boolean awaitReadbackUpdate(String device, double timeoutSeconds) {
        flushHeld(); // a wait: a read held for the next instruction goes out first
        ReadbackFollower follower = followers.computeIfAbsent(device, d -> new ReadbackFollower(bus, d));
        long end = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            checkpoint();
            long left = end - System.nanoTime();
            try {
                if (follower.awaitNext(Math.min(Math.max(left, 0), 100_000_000L))) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanInterruptedException("interrupted while waiting for a readback of " + device);
            }
            if (System.nanoTime() >= end) {
                return false;
            }
        }
    }

    /** Ends the run's subscriptions. */
    void close() {
        flushHeld();
        followers.values().forEach(ReadbackFollower::close);
        followers.clear();
    }

    @Override
    public InstructionStatus move(Map<String, ?> targets, boolean response) {
        // no wait for the last read: the device server runs one request's instructions on a device in
        // the order sent, so that read is done before this move starts
        checkpoint();
        lock(targets.keySet());
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<DeviceInstructionResponse>> futures = new ArrayList<>();
        Map<String, Object> extra = response ? Map.of("response", true) : Map.of();
        targets.forEach((device, target) -> {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("value", target);
            send(device, "set", parameter, extra, ids, futures);
        });
        return waitFor(ids, futures);
    }

    @Override
    public InstructionStatus trigger() {
        // most sessions trigger nothing by software: no need to collect the owned devices at every point
        return all("trigger", readout.anyTriggered() ? readout.triggered(locks.owned(item.requestId)) : List.of());
    }

    @Override
    public InstructionStatus readMonitored() {
        return readMonitored(false);
    }

    @Override
    public InstructionStatus readMonitoredWithNext() {
        return readMonitored(true);
    }

    private InstructionStatus readMonitored(boolean withNext) {
        checkpoint();
        long point = pointId.getAndIncrement();
        List<String> devices = readout.monitored();
        if (devices.isEmpty()) {
            return InstructionWait.none();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("point_id", point);
        extra.put("readout_priority", "monitored");
        return watchedRead(devices, extra, withNext);
    }

    private InstructionStatus watchedRead(List<String> devices, Map<String, Object> extra, boolean withNext) {
        DeviceInstructionMessage instruction = instruction(devices, "read", new LinkedHashMap<>(), extra);
        String id = InstructionTracker.idOf(instruction);
        CompletableFuture<DeviceInstructionResponse> future;
        if (withNext) {
            flushHeld();
            future = tracker.register(instruction);
            held = instruction;
        } else {
            future = dispatch(instruction);
        }
        readsInFlight.put(id, future);
        future.whenComplete((response, error) -> {
            readsInFlight.remove(id);
            if (response != null && "error".equals(response.status())) {
                failedRead.compareAndSet(null, InstructionWait.failure(response));
            }
        });
        return waitFor(new ArrayList<>(List.of(id)), List.of(future));
    }

    private InstructionWait waitFor(List<String> ids, List<CompletableFuture<DeviceInstructionResponse>> futures) {
        return new InstructionWait(ids, futures, this::checkpoint, tracker, this::flushHeld);
    }

    /**
     * Sends an instruction, together with a read held back for it ({@link #readMonitoredWithNext}):
     * one write for both, the read first.
     */
    private CompletableFuture<DeviceInstructionResponse> dispatch(DeviceInstructionMessage instruction) {
        CompletableFuture<DeviceInstructionResponse> future = tracker.register(instruction);
        DeviceInstructionMessage read = held;
        held = null;
        tracker.write(read == null ? List.of(instruction) : List.of(read, instruction));
        return future;
    }

    /** Sends a read held back for the next instruction, if there is one (the scan waits, sleeps, pauses or ends a hook). */
    void flushHeld() {
        DeviceInstructionMessage read = held;
        if (read != null) {
            held = null;
            tracker.write(List.of(read));
        }
    }

    @Override
    public InstructionStatus readBaseline() {
        checkpoint();
        List<String> devices = readout.baseline();
        return devices.isEmpty() ? InstructionWait.none()
                : watchedRead(devices, new LinkedHashMap<>(Map.of("readout_priority", "baseline")), false);
    }

    /** Async devices one instruction each (they may take long), then the others in one. */
    @Override
    public InstructionStatus stage() {
        checkpoint();
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<DeviceInstructionResponse>> futures = new ArrayList<>();
        Set<String> owned = locks.owned(item.requestId);
        for (String device : readout.asyncOwned(owned)) {
            send(device, "stage", new LinkedHashMap<>(), Map.of(), ids, futures);
        }
        List<String> others = readout.stageable(owned);
        if (!others.isEmpty()) {
            send(others, "stage", new LinkedHashMap<>(), Map.of(), ids, futures);
        }
        return waitFor(ids, futures);
    }

    @Override
    public InstructionStatus unstage() {
        return all("unstage", readout.ownedEnabled(locks.owned(item.requestId)));
    }

    @Override
    public InstructionStatus preScan() {
        return all("pre_scan", readout.ownedEnabled(locks.owned(item.requestId)));
    }

    @Override
    public InstructionStatus complete() {
        return all("complete", readout.ownedEnabled(locks.owned(item.requestId)));
    }

    @Override
    public InstructionStatus rpc(String device, String func, List<?> args, Map<String, ?> kwargs, String rpcId) {
        checkpoint();
        lock(List.of(device));
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("device", device);
        parameter.put("func", func);
        parameter.put("rpc_id", rpcId == null ? UUID.randomUUID().toString() : rpcId);
        parameter.put("args", args == null ? List.of() : args);
        parameter.put("kwargs", kwargs == null ? Map.of() : kwargs);
        return single(device, "rpc", parameter, Map.of("response", true));
    }

    @Override
    public void openScan() {
        checkpoint();
        status.open(this);
    }

    @Override
    public void closeScan() {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<DeviceInstructionResponse>> reads = new ArrayList<>();
        readsInFlight.forEach((id, read) -> {
            ids.add(id);
            reads.add(read);
        });
        waitFor(ids, reads).await();
        checkpoint();
        status.close(this);
    }

    @Override
    public void sleep(double seconds) {
        flushHeld();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            checkpoint();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000L, 100L), (int) (Math.min(left, 100_000_000L) % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanInterruptedException("interrupted while sleeping");
            }
        }
    }

    @Override
    public void checkpoint() {
        if (cleaningUp) {
            return;
        }
        RuntimeException read = failedRead.getAndSet(null);
        if (read != null) {
            flushHeld();
            throw read;
        }
        if ("PAUSED".equals(item.status) && !item.stopped()) {
            flushHeld(); // a read held for the next instruction goes out before the scan waits
            if (!pausedPublished && item.isScan) {
                pausedPublished = true;
                status.paused(this);
            }
            control.awaitNotPaused(item);
        }
        pausedPublished = false;
        if (item.stopped()) {
            flushHeld();
            throw new ScanInterruptedException("queue item " + item.queueId + " was stopped: " + item.exit);
        }
    }

    @Override
    public long readouts() {
        return pointId.get();
    }

    private void lock(Collection<String> devices) {
        if (devices.isEmpty()) {
            return;
        }
        locks.acquire(item.requestId, devices, this::checkpoint, waiting -> {
            item.pendingLocks = List.copyOf(waiting);
            control.queueChanged();
        });
        Set<String> owned = locks.owned(item.requestId);
        if (owned.size() != item.ownedLocks.size()) {
            item.ownedLocks = List.copyOf(owned);
            control.queueChanged();
        }
    }

    private InstructionStatus all(String action, List<String> devices) {
        checkpoint();
        return devices.isEmpty() ? InstructionWait.none() : single(devices, action, new LinkedHashMap<>(), Map.of());
    }

    private InstructionStatus single(Object device, String action, Map<String, Object> parameter,
            Map<String, Object> extra) {
        List<String> ids = new ArrayList<>(1);
        List<CompletableFuture<DeviceInstructionResponse>> futures = new ArrayList<>(1);
        send(device, action, parameter, extra, ids, futures);
        return waitFor(ids, futures);
    }

    private void send(Object device, String action, Map<String, Object> parameter, Map<String, Object> extra,
            List<String> ids, List<CompletableFuture<DeviceInstructionResponse>> futures) {
        DeviceInstructionMessage instruction = instruction(device, action, parameter, extra);
        ids.add(InstructionTracker.idOf(instruction));
        futures.add(dispatch(instruction));
    }

    private DeviceInstructionMessage instruction(Object device, String action, Map<String, Object> parameter,
            Map<String, Object> extra) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", id);
        if (item.scanId != null) {
            metadata.put("scan_id", item.scanId + suffix);
        }
        metadata.put("RID", item.requestId + suffix);
        if (item.request.metadata().containsKey("queue_id")) {
            metadata.put("queue_id", item.queueId + suffix);
        }
        metadata.putAll(extra);
        return new DeviceInstructionMessage(metadata, device, action, parameter);
    }

    /** Devices this run owns now (for the stop request of an abort). */
    Set<String> ownedDevices() {
        return new LinkedHashSet<>(locks.owned(item.requestId));
    }
}
