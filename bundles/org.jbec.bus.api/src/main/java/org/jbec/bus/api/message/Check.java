package org.jbec.bus.api.message;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validation BEC's pydantic models do, called from the records' constructors. Every failure is
 * an {@link IllegalArgumentException} naming {@code Class.field} and what was wrong.
 */
final class Check {

    private Check() {
    }

    /** BEC replaces a None metadata by {}. */
    static Map<String, Object> metadata(Map<String, Object> metadata) {
        return metadata == null ? new LinkedHashMap<>() : metadata;
    }

    static void required(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    /** A literal field: null passes (required-ness is checked separately). */
    static void literal(String field, Object value, Collection<?> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not one of "
                    + allowed.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
    }

    static void primaryQueue(Map<String, ScanQueueStatus> queue) {
        if (!queue.containsKey("primary")) {
            throw new IllegalArgumentException("ScanQueueStatusMessage.queue must contain the queue 'primary'");
        }
    }

    static void errorNeedsInfo(String status, ErrorInfo errorInfo) {
        if ("error".equals(status) && errorInfo == null) {
            throw new IllegalArgumentException("DeviceInstructionResponse.error_info is required when status is error");
        }
    }

    static void configNeeded(String action, Map<String, Object> config) {
        if (("add".equals(action) || "set".equals(action) || "update".equals(action))
                && (config == null || config.isEmpty())) {
            throw new IllegalArgumentException("DeviceConfigMessage.config must not be empty for action " + action);
        }
    }

    /** BEC's DeviceAsyncUpdate rules. */
    static void asyncUpdate(String type, List<Object> maxShape, Long index) {
        if (type == null || type.equals("replace")) {
            return;
        }
        if (maxShape == null || maxShape.isEmpty()) {
            throw new IllegalArgumentException("DeviceAsyncUpdate.max_shape is required for type " + type);
        }
        boolean leading = true;
        int nones = 0;
        for (Object dim : maxShape) {
            if (dim == null) {
                if (!leading) {
                    throw new IllegalArgumentException("DeviceAsyncUpdate.max_shape: None only as leading entries");
                }
                nones++;
            } else {
                leading = false;
                if (!(dim instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
                    throw new IllegalArgumentException("DeviceAsyncUpdate.max_shape: " + dim
                            + " is not a positive integer");
                }
            }
        }
        if (nones == maxShape.size() && nones > 2) {
            throw new IllegalArgumentException("DeviceAsyncUpdate.max_shape: at most 2 dimensions when all are None");
        }
        if (type.equals("add_slice")) {
            if (index == null || index < -1) {
                throw new IllegalArgumentException("DeviceAsyncUpdate.index must be >= -1 for add_slice");
            }
            if (maxShape.size() > 2) {
                throw new IllegalArgumentException("DeviceAsyncUpdate.max_shape: add_slice takes at most 2 dimensions");
            }
        }
    }
}
