package org.jbec.bus.api.message;

import java.util.List;
import java.util.Set;

/**
 * How an asynchronous reading is to be stored.
 * <p>
 * BEC's {@code DeviceAsyncUpdate} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceAsyncUpdate(
        String type,
        @Default("null") List<Object> maxShape,
        @Default("null") Long index) implements BecModel {

    /** Allowed values of {@code type}. */
    public static final Set<String> TYPE_VALUES = Set.of("add", "add_slice", "replace");

    public DeviceAsyncUpdate {
        Check.required("DeviceAsyncUpdate.type", type);
        Check.literal("DeviceAsyncUpdate.type", type, TYPE_VALUES);
        Check.asyncUpdate(type, maxShape, index);
    }
}
