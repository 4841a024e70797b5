package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Offers BEC's standard scans to the scan server: one {@link ScanDefinition} service per scan,
 * with the property {@code scan.name}. Registered from one component because the scans share this
 * bundle's life: they come and go together when the bundle is updated.
 */
@Component(immediate = true)
public final class StandardScans {

    private final List<ServiceRegistration<ScanDefinition>> registrations = new ArrayList<>();

    @Activate
    public StandardScans(BundleContext context) {
        for (ScanDescription description : StandardScanDescriptions.all()) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("scan.name", description.name());
            ScanDefinition definition = () -> description;
            registrations.add(context.registerService(ScanDefinition.class, definition, properties));
        }
    }

    @Deactivate
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
