package org.jbec.bus.api.message;


/**
 * An error as BEC reports it (device server, alarms, RPC).
 * <p>
 * BEC's {@code ErrorInfo} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ErrorInfo(
        @Default("uuid4") String id,
        String errorMessage,
        String compactErrorMessage,
        String exceptionType,
        @Default("null") Object device) implements BecModel {

    public ErrorInfo {
        Check.required("ErrorInfo.error_message", errorMessage);
        Check.required("ErrorInfo.exception_type", exceptionType);
    }
}
