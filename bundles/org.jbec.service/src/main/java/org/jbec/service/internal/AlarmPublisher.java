package org.jbec.service.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.bus.api.message.NotificationMessage;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raises alarms as BEC's connector does (bec-protocol.md §5.7). */
@Component
public final class AlarmPublisher implements Alarms {

    private final Logger logger = LoggerFactory.getLogger(AlarmPublisher.class);
    private final Connector connector;

    @Activate
    public AlarmPublisher(@Reference Connector connector) {
        this.connector = connector;
    }

    @Override
    public void raise(AlarmSeverity severity, ErrorInfo info, Map<String, Object> metadata) {
        // logged first: an alarm must reach the log even when Redis is away
        logger.warn("{} alarm{}: {}", severity, info.device() == null ? "" : " on " + info.device(),
                info.compactErrorMessage() == null ? info.errorMessage() : info.compactErrorMessage());
        try {
            connector.setAndPublish(Endpoints.alarms(),
                    new AlarmMessage(new LinkedHashMap<>(metadata), (long) severity.value(), info));
            String event = "alarm_" + severity.name().toLowerCase(Locale.ROOT);
            connector.send(Endpoints.notification(event), new NotificationMessage(null, event,
                    List.of(Map.of("type", "text", "content", String.valueOf(info.errorMessage())))));
        } catch (BusUnavailableException e) {
            logger.error("{} alarm could not be published: {}", severity, e.getMessage());
        }
    }
}
