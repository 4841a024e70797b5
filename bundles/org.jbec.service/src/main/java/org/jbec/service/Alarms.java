package org.jbec.service;

import java.util.Map;

import org.jbec.bus.api.message.ErrorInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Raises alarms as BEC does: {@code user/alarms} (set and publish), the log, and the notification
 * {@code alarm_warning|alarm_minor|alarm_major}.
 */
@ProviderType
public interface Alarms {

    /**
     * @param metadata usually {@code scan_id}, {@code scan_number}; may be empty
     */
    void raise(AlarmSeverity severity, ErrorInfo info, Map<String, Object> metadata);

    /** An alarm about one device (or none: null) with a message for people. */
    default void raise(AlarmSeverity severity, String device, String exceptionType, String message) {
        raise(severity, new ErrorInfo(java.util.UUID.randomUUID().toString(), message, message, exceptionType, device),
                Map.of());
    }
}
