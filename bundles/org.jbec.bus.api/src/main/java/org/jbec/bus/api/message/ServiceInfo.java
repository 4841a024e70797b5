package org.jbec.bus.api.message;


/**
 * Who runs a service where.
 * <p>
 * BEC's {@code ServiceInfo} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ServiceInfo(
        String user,
        String hostname,
        @Default("now") Double timestamp,
        @Default("versions") ServiceVersions versions) implements BecModel {

    public ServiceInfo {
        Check.required("ServiceInfo.user", user);
        Check.required("ServiceInfo.hostname", hostname);
    }
}
