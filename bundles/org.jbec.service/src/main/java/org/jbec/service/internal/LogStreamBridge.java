package org.jbec.service.internal;

import org.jbec.bus.api.Connector;
import org.jbec.service.BecServices;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;

/** Attaches the {@link BusLogAppender} to logback's root logger while the bus is there. */
@Component(immediate = true)
public final class LogStreamBridge {

    private final Logger logger = LoggerFactory.getLogger(LogStreamBridge.class);
    private final BusLogAppender appender;
    private final ch.qos.logback.classic.Logger root;

    @Activate
    public LogStreamBridge(@Reference Connector connector, @Reference BecServices services) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            this.appender = new BusLogAppender(connector, services.frameworkServiceName());
            appender.setContext(context);
            appender.start();
            this.root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(appender);
        } else {
            this.appender = null;
            this.root = null;
            logger.warn("Logging is not logback ({}); log records do not reach the bus's log stream",
                    factory.getClass().getName());
        }
    }

    @Deactivate
    void detach() {
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
