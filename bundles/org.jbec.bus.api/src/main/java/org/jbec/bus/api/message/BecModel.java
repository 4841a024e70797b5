package org.jbec.bus.api.message;

/**
 * A pydantic model nested in messages (ErrorInfo, ScanQueueStatus, ...): a record whose components
 * are the model's fields in order. Sent as a {@code BaseModel} envelope holding its plain field map.
 */
public interface BecModel {

    /** BEC's class name, the envelope's {@code type_name}. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
