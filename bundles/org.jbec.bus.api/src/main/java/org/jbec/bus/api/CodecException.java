package org.jbec.bus.api;

/**
 * A value that cannot be encoded, or a payload that cannot be decoded, with what was wrong and
 * where ({@code ScanStatusMessage.status: 'x' is not one of ...}, {@code truncated msgpack at byte 17}).
 */
public class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
