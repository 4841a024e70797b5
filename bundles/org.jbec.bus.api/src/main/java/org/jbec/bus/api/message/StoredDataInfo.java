package org.jbec.bus.api.message;

import java.util.List;

/**
 * Shape and dtype of data stored for one signal.
 * <p>
 * BEC's {@code _StoredDataInfo} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
@TypeName("_StoredDataInfo")
public record StoredDataInfo(
        @Default("[]") List<Object> shape,
        @Default("null") String dtype) implements BecModel {

    public StoredDataInfo {
    }

    @Override
    public String typeName() {
        return "_StoredDataInfo";
    }
}
