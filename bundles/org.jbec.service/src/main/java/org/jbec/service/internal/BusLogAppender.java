package org.jbec.service.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.LogMessage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Copies log records of INFO and above to BEC's log stream ({@code user/log}, MAXLEN ~10000) as
 * LogMessages. Logging threads only enqueue (bounded; records beyond are dropped and counted); one
 * worker writes to Redis. Records of the bus itself are not copied: a Redis failure logged by the
 * connector must not loop back into the connector.
 */
final class BusLogAppender extends AppenderBase<ILoggingEvent> {

    static final long MAX_LENGTH = 10_000;

    private final Connector connector;
    private final String serviceName;
    private final BlockingQueue<LogMessage> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = Executors.defaultThreadFactory().newThread(r);
        t.setName("jbec-log-stream");
        t.setDaemon(true);
        return t;
    });

    BusLogAppender(Connector connector, String serviceName) {
        this.connector = connector;
        this.serviceName = serviceName;
        setName("jbec-bus-log");
    }

    @Override
    public void start() {
        super.start();
        worker.execute(this::drain);
    }

    @Override
    public void stop() {
        super.stop();
        worker.shutdownNow();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (!event.getLevel().isGreaterOrEqual(Level.INFO) || logger.startsWith("org.jbec.bus.redis")
                || logger.startsWith("redis.clients") || logger.startsWith("org.jbec.service.internal")) {
            return;
        }
        // converted here, on the logging thread: the event object may be reused after this call
        if (!queue.offer(toMessage(event))) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        while (isStarted()) {
            try {
                LogMessage message = queue.poll(200, TimeUnit.MILLISECONDS);
                if (message != null) {
                    connector.xadd(Endpoints.log(), message, Limits.maxLength(MAX_LENGTH));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Redis away: this record is lost to the stream (the log file has it); go on
                dropped.incrementAndGet();
            }
        }
    }

    LogMessage toMessage(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", event.getTimeStamp() / 1000.0);
        record.put("level", event.getLevel().toString());
        record.put("name", event.getLoggerName());
        record.put("thread", event.getThreadName());
        record.put("message", text);
        record.put("exception", thrown == null ? null : thrown.getClassName() + ": " + thrown.getMessage());
        Map<String, Object> logMsg = new LinkedHashMap<>();
        logMsg.put("text", text);
        logMsg.put("record", record);
        logMsg.put("service_name", serviceName);
        return new LogMessage(null, logType(event.getLevel()), logMsg);
    }

    static String logType(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warning";
            case Level.INFO_INT -> "info";
            case Level.DEBUG_INT -> "debug";
            default -> "trace";
        };
    }

    long dropped() {
        return dropped.get();
    }
}
