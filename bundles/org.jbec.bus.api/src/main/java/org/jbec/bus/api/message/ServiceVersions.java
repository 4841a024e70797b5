package org.jbec.bus.api.message;


/**
 * Versions of the BEC packages a service runs ("Not found" when absent).
 * <p>
 * BEC's {@code ServiceVersions} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ServiceVersions(
        String becLib,
        String becServer,
        String becIpythonClient,
        String becWidgets,
        String ophydDevices) implements BecModel {

    public ServiceVersions {
        Check.required("ServiceVersions.bec_lib", becLib);
        Check.required("ServiceVersions.bec_server", becServer);
        Check.required("ServiceVersions.bec_ipython_client", becIpythonClient);
        Check.required("ServiceVersions.bec_widgets", becWidgets);
        Check.required("ServiceVersions.ophyd_devices", ophydDevices);
    }
}
