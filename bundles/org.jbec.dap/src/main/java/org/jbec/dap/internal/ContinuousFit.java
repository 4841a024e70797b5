package org.jbec.dap.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.ProcessedDataMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's continuous DAP (auto_run): one request at a time; while a scan runs, its selected signal
 * is refitted as points arrive and the result is added to {@code user/processed_data/<model>}
 * (MAXLEN 100, EXPIRE 60, as BEC). Refits are coalesced: points arriving while one is pending
 * join it, so a fast scan does not queue a fit per point.
 */
final class ContinuousFit {

    static final Duration COALESCE = Duration.ofMillis(200);
    static final Limits PROCESSED_LIMITS = Limits.maxLength(100).withExpire(Duration.ofSeconds(60));

    private final Logger logger = LoggerFactory.getLogger(ContinuousFit.class);
    private final Connector bus;
    private final FitRunner runner;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<DapRequest> active = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();

    ContinuousFit(Connector bus, FitRunner runner, ScheduledExecutorService scheduler) {
        this.bus = bus;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    /**
     * Starts (auto_run true) or stops the continuous fit; BEC answers a continuous request with no data.
     *
     * @throws DapProblem naming a bad field
     */
    Object configure(DapRequest request) {
        Object autoRun = request.kwargs().get("auto_run");
        if (autoRun != null && !(autoRun instanceof Boolean)) {
            throw new DapProblem("config.auto_run: must be true or false, not " + autoRun);
        }
        if (!Boolean.TRUE.equals(autoRun)) {
            active.set(null);
            return null;
        }
        String[] y = request.selectedY();
        if (y[0] == null && y[1] == null) {
            throw new DapProblem("config.selected_device: missing; continuous fits need [device, signal]");
        }
        active.set(request);
        return null;
    }

    /** A scan got points or a new status. */
    void onScanUpdate(ScanRecord scan) {
        if (active.get() == null || !(scan.running() || scan.status().map(s -> "closed".equals(s.status()))
                .orElse(false))) {
            return;
        }
        if (pending.compareAndSet(false, true)) {
            scheduler.schedule(() -> refit(scan), COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refit(ScanRecord scan) {
        pending.set(false);
        DapRequest request = active.get();
        if (request == null) {
            return;
        }
        try {
            List<Object> data = runner.fitScan(request, scan);
            @SuppressWarnings("unchecked")
            Map<String, Object> curve = (Map<String, Object>) data.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) data.get(1);
            bus.xadd(Endpoints.processedData(request.model()), new ProcessedDataMessage(report, curve), PROCESSED_LIMITS);
        } catch (DapProblem p) {
            // early in a scan there are too few points: expected, and the next points retry
            logger.debug("Continuous {} fit of scan {} skipped: {}", request.model(), scan.scanId(), p.getMessage());
        } catch (RuntimeException e) {
            logger.warn("Continuous {} fit of scan {} failed", request.model(), scan.scanId(), e);
        }
    }
}
